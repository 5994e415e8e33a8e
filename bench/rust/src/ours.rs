//! Our client, used as its README shows.

use crate::{Result, Workload};
use docker_engine_api::api::{
    ContainerInspectOptions, ContainerListOptions, ContainerLogsOptions, ImageLoadOptions,
};
use docker_engine_api::{Docker, Payload};
use futures_util::StreamExt;

#[derive(Clone)]
pub struct Ours {
    docker: Docker,
}

impl Ours {
    pub fn new(w: &Workload) -> Result<Ours> {
        Ok(Ours {
            docker: Docker::connect(&w.host)?,
        })
    }

    pub async fn ping(&self) -> Result<()> {
        self.docker.system().ping().await?;
        Ok(())
    }

    pub async fn list(&self, label: &str) -> Result<()> {
        let filters = [("label".to_string(), vec![label.to_string()])]
            .into_iter()
            .collect();
        let opts = ContainerListOptions {
            all: Some(true),
            filters: Some(filters),
            ..Default::default()
        };
        let list = self.docker.containers().list(opts).await?;
        check_len(list.len())
    }

    pub async fn inspect(&self, id: &str) -> Result<()> {
        self.docker
            .containers()
            .inspect(id, ContainerInspectOptions::default())
            .await?;
        Ok(())
    }

    pub async fn logs(&self, id: &str) -> Result<u64> {
        let opts = ContainerLogsOptions {
            follow: Some(true),
            stdout: Some(true),
            stderr: Some(true),
            ..Default::default()
        };
        let mut stream = self.docker.containers().logs(id, opts).await?;
        let mut n = 0u64;
        while let Some(chunk) = stream.next().await {
            n += chunk?.data.len() as u64;
        }
        Ok(n)
    }

    pub async fn save(&self, image: &str) -> Result<u64> {
        let mut sink = tokio::fs::File::create("/dev/null").await?;
        Ok(self
            .docker
            .images()
            .get(image)
            .await?
            .copy_to(&mut sink)
            .await?)
    }

    pub async fn load(&self, tar: &str) -> Result<u64> {
        let size = std::fs::metadata(tar)?.len();
        let mut progress = self
            .docker
            .images()
            .load(
                Some(Payload::from_file(tar).await?),
                ImageLoadOptions::default(),
            )
            .await?;
        while let Some(item) = progress.next().await {
            item?;
        }
        Ok(size)
    }
}

/// The list must see the 10 prepared containers, or the workload is not the one measured.
pub fn check_len(n: usize) -> Result<()> {
    if n == 10 {
        Ok(())
    } else {
        Err(format!("the list answered {n} containers, not the 10 prepared").into())
    }
}
