//! Raw request bodies described by a case: a tar of files, or text.

use docker_engine_api::Payload;
use serde_json::Value;

pub fn build_payload(spec: &Value) -> Result<Payload, String> {
    let obj = spec
        .as_object()
        .filter(|o| o.len() == 1)
        .ok_or("payload must be {\"tar\": {...}} or {\"text\": \"...\"}")?;
    let (kind, content) = obj.iter().next().expect("one key");
    match kind.as_str() {
        "text" => Ok(Payload::from(
            content
                .as_str()
                .ok_or("text payload must be a string")?
                .to_string(),
        )),
        "tar" => {
            let files = content
                .as_object()
                .ok_or("tar payload must map paths to contents")?;
            let mut builder = tar::Builder::new(Vec::new());
            for (path, text) in files {
                let data = text
                    .as_str()
                    .ok_or("tar file contents must be strings")?
                    .as_bytes();
                let mut header = tar::Header::new_gnu();
                header.set_size(data.len() as u64);
                header.set_mode(0o644);
                header.set_mtime(0);
                builder
                    .append_data(&mut header, path, data)
                    .map_err(|e| e.to_string())?;
            }
            Ok(Payload::from(
                builder.into_inner().map_err(|e| e.to_string())?,
            ))
        }
        other => Err(format!("unknown payload kind {other}")),
    }
}
