Creator "igraph version 1.0.0 Fri Dec  4 22:53:33 2026"
Version 1
graph
[
  directed 0
  node
  [
    id 0
    name "a"
    v 1.5
    ok 1
  ]
  node
  [
    id 1
    name "b"
    v 2
    ok 0
  ]
  node
  [
    id 2
    name "c"
    v 3
    ok 1
  ]
  edge
  [
    source 1
    target 0
    w 0.5
  ]
  edge
  [
    source 2
    target 1
    w 1
  ]
]
