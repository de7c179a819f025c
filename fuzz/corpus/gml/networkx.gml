graph [
  directed 1
  node [
    id 0
    label "0"
    name "z&#233;ro"
    flag 1
    x 1.5
    n 7
  ]
  node [
    id 1
    label "1"
  ]
  edge [
    source 0
    target 1
    w 2.0
    big "1099511627776"
  ]
]
