use crate::core::{Cancel, GraphCore, GraphResult};
use std::path::Path;
pub fn read_gml(_path: &Path, _cancel: &Cancel) -> GraphResult<GraphCore> {
    todo!()
}
pub fn write_gml(_graph: &GraphCore, _path: &Path) -> GraphResult<()> {
    todo!()
}
