//! Raw request bodies described by a case: a tar of files (with raw tars nested under
//! folders), or text.

use docker_engine_api::Payload;
use serde_json::Value;
use std::collections::HashMap;

pub fn build_payload(spec: &Value, raws: &HashMap<String, Vec<u8>>) -> Result<Payload, String> {
    let mut obj = spec
        .as_object()
        .cloned()
        .ok_or("payload must be {\"tar\": {...}} or {\"text\": \"...\"}")?;
    let nest = obj.remove("nest");
    if obj.len() != 1 || (nest.is_some() && !obj.contains_key("tar")) {
        return Err(
            "payload must be {\"tar\": {...}[, \"nest\": {...}]} or {\"text\": \"...\"}".into(),
        );
    }
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
            for (folder, name) in nest
                .as_ref()
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let name = name.as_str().ok_or("nest maps folders to raw names")?;
                let raw = raws
                    .get(name)
                    .ok_or_else(|| format!("no raw result saved as {name:?}"))?;
                nest_tar(&mut builder, folder, raw)?;
            }
            Ok(Payload::from(
                builder.into_inner().map_err(|e| e.to_string())?,
            ))
        }
        other => Err(format!("unknown payload kind {other}")),
    }
}

/// Appends every entry of the tar `raw` under `folder/`, keeping type, mode, size and links.
fn nest_tar(builder: &mut tar::Builder<Vec<u8>>, folder: &str, raw: &[u8]) -> Result<(), String> {
    let mut archive = tar::Archive::new(raw);
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path().map_err(|e| e.to_string())?.into_owned();
        let nested = std::path::Path::new(folder).join(path);
        let mut header = entry.header().clone();
        if let Some(link) = entry.link_name().map_err(|e| e.to_string())? {
            let link = link.into_owned();
            // A hard link names another entry of the archive: it moves with it.
            let link = if header.entry_type().is_hard_link() {
                std::path::Path::new(folder).join(link)
            } else {
                link
            };
            builder
                .append_link(&mut header, &nested, &link)
                .map_err(|e| e.to_string())?;
        } else {
            builder
                .append_data(&mut header, &nested, &mut entry)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
