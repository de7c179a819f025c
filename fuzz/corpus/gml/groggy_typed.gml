# groggy: node b=bool
# groggy: node i8=int8
# groggy: node i32=int32
# groggy: node i64=int64
# groggy: node f32=float32
# groggy: node f64=float64
# groggy: node s=str
# groggy: edge w=float64
graph [
  directed 1
  node [
    id 0
    label 1
    b 1
    i8 -3
    i32 7
    i64 1099511627776
    f32 0.10000000149011612
    f64 1.0e300
    s "&#233;<&#38;>&#34;x&#34;"
  ]
  node [
    id 1
    label 2
    s ""
  ]
  node [
    id 2
    label 3
  ]
  edge [
    source 0
    target 1
    w 0.5
  ]
  edge [
    source 1
    target 2
  ]
]
