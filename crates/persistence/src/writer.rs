//! SQLite's write transactions on a thread of their own. SQLite has one
//! writer at a time, so each transaction's statements are the critical path
//! of every request that writes: run on the request threads, each statement's
//! answer waited behind whatever those threads were busy with (drawing a QR
//! code, rendering a page) before the next statement could go. On a thread
//! that does nothing else, the next statement goes as soon as the answer is
//! back. PostgreSQL writes in parallel: there the work runs where it is.

use std::future::Future;
use std::pin::Pin;

use tokio::sync::{mpsc, oneshot};

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

    /// Runs `work` on the writer thread (SQLite) or here, and returns its
    /// output. `None` if it panicked.
    pub async fn run<T: Send + 'static>(&self, work: impl Future<Output = T> + Send + 'static) -> Option<T> {
        let Some(jobs) = &self.jobs else { return Some(work.await) };
        let (done, output) = oneshot::channel();
        let job = Box::pin(async move {
            let _ = done.send(work.await);
        });
        if let Err(mpsc::error::SendError(job)) = jobs.send(job) {
            // The thread is gone (it never stops while this handle lives):
            // the work still runs, here.
            job.await;
        }
        output.await.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Writer;

    #[tokio::test]
    async fn sqlite_work_runs_on_the_writer_thread_and_a_panic_is_an_answer() {
        let writer = Writer::for_backend(sea_orm::DbBackend::Sqlite);
        let thread = writer.run(async { std::thread::current().name().map(str::to_owned) }).await;
        assert_eq!(thread, Some(Some("sqlite-writer".to_owned())));
        let panicked = writer.run(async { panic!("a bug in one write") }).await;
        assert_eq!(panicked, None::<()>);
        // The thread goes on after it.
        assert_eq!(writer.run(async { 2 + 2 }).await, Some(4));
    }

    #[tokio::test]
    async fn postgresql_work_runs_in_place() {
        let writer = Writer::for_backend(sea_orm::DbBackend::Postgres);
        let here = std::thread::current().id();
        assert_eq!(writer.run(async move { std::thread::current().id() == here }).await, Some(true));
    }
}
