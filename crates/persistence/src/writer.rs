//! SQLite's write transactions on a thread of their own. SQLite has one
//! writer at a time, so each transaction's statements are the critical path
//! of every request that writes: run on the request threads, each statement's
//! answer waited behind whatever those threads were busy with (drawing a QR
//! code, rendering a page) before the next statement could go. On a thread
//! that does nothing else, the next statement goes as soon as the answer is
//! back. PostgreSQL writes in parallel: there the work runs where it is.

use std::future::Future;
use std::pin::Pin;

use tokio::sync::mpsc;

type Job = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The writer thread, when the database is SQLite. It ends when the last
/// handle is dropped.
pub struct Writer {
    jobs: Option<mpsc::UnboundedSender<Job>>,
}

impl Writer {
    /// A writer thread for SQLite; none (work runs in place) otherwise.
    pub fn for_backend(backend: sea_orm::DbBackend) -> Self {
        if backend != sea_orm::DbBackend::Sqlite {
            return Self { jobs: None };
        }
        let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
        let started = std::thread::Builder::new().name("sqlite-writer".into()).spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("the writer's runtime");
            runtime.block_on(async move {
                while let Some(job) = queue.recv().await {
                    tokio::spawn(job);
                }
            });
        });
        match started {
            Ok(_) => Self { jobs: Some(jobs) },
            Err(e) => {
                tracing::warn!(error = %e, "no writer thread; SQLite writes run on the request threads");
                Self { jobs: None }
            }
        }
    }

    /// Runs `work` on the writer thread (SQLite), or as a task here.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        match &self.jobs {
            Some(jobs) => {
                if let Err(mpsc::error::SendError(job)) = jobs.send(Box::pin(work)) {
                    tokio::spawn(job);
                }
            }
            None => {
                tokio::spawn(work);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Writer;

    async fn thread_of(writer: &Writer) -> Option<String> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        writer.spawn(async move {
            let _ = tx.send(std::thread::current().name().map(str::to_owned));
        });
        rx.await.expect("the work ran")
    }

    #[tokio::test]
    async fn sqlite_work_runs_on_the_writer_thread_and_goes_on_after_a_panic() {
        let writer = Writer::for_backend(sea_orm::DbBackend::Sqlite);
        assert_eq!(thread_of(&writer).await.as_deref(), Some("sqlite-writer"));
        writer.spawn(async { panic!("a bug in one write") });
        assert_eq!(thread_of(&writer).await.as_deref(), Some("sqlite-writer"));
    }

    #[tokio::test]
    async fn postgresql_work_runs_here() {
        let writer = Writer::for_backend(sea_orm::DbBackend::Postgres);
        assert_ne!(thread_of(&writer).await.as_deref(), Some("sqlite-writer"));
    }
}
