//! bollard, the Rust peer, used as its documentation shows.

use crate::{Result, Workload};
use bollard::query_parameters::{
    ImportImageOptions, InspectContainerOptions, ListContainersOptionsBuilder, LogsOptionsBuilder,
};
use bollard::Docker;
use futures_util::StreamExt;
use std::collections::HashMap;
use tokio::io::AsyncWriteExt;

#[derive(Clone)]
pub struct Bollard {
    docker: Docker,
}

impl Bollard {
    pub fn new(w: &Workload) -> Result<Bollard> {
        Ok(Bollard {
            docker: Docker::connect_with_unix(&w.socket, 600, bollard::API_DEFAULT_VERSION)?,
        })
    }

    pub async fn ping(&self) -> Result<()> {
        self.docker.ping().await?;
        Ok(())
    }

    pub async fn list(&self, label: &str) -> Result<()> {
        let filters = HashMap::from([("label", vec![label])]);
        let opts = ListContainersOptionsBuilder::new()
            .all(true)
            .filters(&filters)
            .build();
        crate::ours::check_len(self.docker.list_containers(Some(opts)).await?.len())
    }

    pub async fn inspect(&self, id: &str) -> Result<()> {
        self.docker
            .inspect_container(id, None::<InspectContainerOptions>)
            .await?;
        Ok(())
    }

    pub async fn logs(&self, id: &str) -> Result<u64> {
        let opts = LogsOptionsBuilder::new()
            .follow(true)
            .stdout(true)
            .stderr(true)
            .build();
        let mut stream = self.docker.logs(id, Some(opts));
        let mut n = 0u64;
        while let Some(out) = stream.next().await {
            n += out?.into_bytes().len() as u64;
        }
        Ok(n)
    }

    pub async fn save(&self, image: &str) -> Result<u64> {
        let mut sink = tokio::fs::File::create("/dev/null").await?;
        let mut stream = self.docker.export_image(image);
        let mut n = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            sink.write_all(&chunk).await?;
            n += chunk.len() as u64;
        }
        Ok(n)
    }

    pub async fn load(&self, tar: &str) -> Result<u64> {
        let size = std::fs::metadata(tar)?.len();
        let file = tokio::fs::File::open(tar).await?;
        let body = tokio_util::io::ReaderStream::new(file);
        let mut progress =
            self.docker
                .import_image_stream(ImportImageOptions::default(), body, None);
        while let Some(item) = progress.next().await {
            item?;
        }
        Ok(size)
    }
}
