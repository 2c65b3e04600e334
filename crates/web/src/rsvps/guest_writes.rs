//! Guest RSVPs written together. On SQLite every write waits for the one
//! before it to commit, and a commit is the dearest statement of an RSVP; the
//! RSVPs that arrive while one group is being written are written next, all
//! in one transaction, each answered once that transaction has committed.
//! If anything in a group fails, the group is undone and each of its RSVPs
//! is written again alone, so one bad RSVP fails only itself. PostgreSQL
//! writes RSVPs in parallel: there each has its own transaction.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use turnout_persistence::writer::Writer;
use turnout_persistence::{DbBackend, begin_write};

use crate::http::error::Error;
use crate::rsvps::guest::{Keys, Plan, Step, steps, write_one};

/// RSVPs in one transaction at most: a bound on what one failure repeats.
const GROUP: usize = 64;

type Job = (Arc<Plan>, oneshot::Sender<Result<Step, Error>>);

pub struct GuestWrites {
    pub keys: Arc<Keys>,
    /// Where SQLite's RSVPs wait for the next group; none on PostgreSQL.
    queue: Option<mpsc::UnboundedSender<Job>>,
    /// The thread the groups are written on; it ends with this.
    _writer: Option<Writer>,
}

impl GuestWrites {
    /// On SQLite, the groups are written on a thread of their own (see `writer`).
    pub fn start(keys: Keys) -> Self {
        let keys = Arc::new(keys);
        let backend = keys.db.get_database_backend();
        if backend != DbBackend::Sqlite {
            return Self { keys, queue: None, _writer: None };
        }
        let writer = Writer::for_backend(backend);
        let (queue, jobs) = mpsc::unbounded_channel();
        writer.spawn(write_groups(keys.clone(), jobs));
        Self { keys, queue: Some(queue), _writer: Some(writer) }
    }

    /// Writes one guest RSVP; answers once it is committed.
    pub async fn write(&self, plan: Arc<Plan>) -> Result<Step, Error> {
        let Some(queue) = &self.queue else { return write_one(&self.keys, &plan).await };
        let (reply, answer) = oneshot::channel();
        queue.send((plan, reply)).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> Error {
    Error::Io(std::io::Error::other("the RSVP writer stopped"))
}

/// Takes what is waiting, up to `GROUP`, writes it, answers, and again. Each
/// group is a task of its own: a panic fails that group's requests (their
/// answers are dropped), not the writer.
async fn write_groups(keys: Arc<Keys>, mut queue: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < GROUP {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let _ = tokio::spawn(write_group(keys.clone(), group)).await;
    }
}

async fn write_group(keys: Arc<Keys>, group: Vec<Job>) {
    let results = match together(&keys, &group).await {
        Ok(steps) => steps.into_iter().map(Ok).collect(),
        Err(e) => {
            if group.len() > 1 {
                tracing::warn!(error = %e, rsvps = group.len(), "a group of RSVPs failed; writing each alone");
            }
            let mut alone = Vec::with_capacity(group.len());
            for (plan, _) in &group {
                alone.push(write_one(&keys, plan).await);
            }
            alone
        }
    };
    for ((_, reply), result) in group.into_iter().zip(results) {
        let _ = reply.send(result);
    }
}

/// The whole group in one transaction, or nothing.
async fn together(keys: &Keys, group: &[Job]) -> Result<Vec<Step>, Error> {
    let txn = begin_write(&keys.db).await?;
    let mut done = Vec::with_capacity(group.len());
    for (plan, _) in group {
        match steps(keys, &txn, plan).await? {
            // Seats were taken for it: undo the group, write each alone.
            Step::Duplicate => return Err(Error::Refused("an address recorded meanwhile".into())),
            step => done.push(step),
        }
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(done)
}
