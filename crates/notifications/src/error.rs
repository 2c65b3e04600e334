/// The one error type of the notifications crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Persistence(#[from] turnout_persistence::Error),
    #[error("email configuration: {0}")]
    Config(String),
    #[error("could not build the message: {0}")]
    Message(String),
    /// Worth trying again: a 4xx, a timeout, a lost connection.
    #[error("delivery failed: {0}")]
    Delivery(String),
    /// Refused for good: an SMTP 5xx.
    #[error("delivery refused: {0}")]
    Rejected(String),
    #[error("scheduler: {0}")]
    Scheduler(String),
}
