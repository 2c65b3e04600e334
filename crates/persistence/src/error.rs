/// The one error type of the persistence crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// Two requests tried to create the same unique thing at once.
    #[error("already exists")]
    Duplicate,
    /// The row changed between reading it and writing it: the caller asks
    /// the person to look again rather than overwrite a change unseen.
    #[error("changed meanwhile")]
    Stale,
    /// No seats left for the party, and the event keeps no waitlist.
    #[error("full")]
    Full,
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A row holds a value the domain does not know: the data was changed by
    /// hand or by a newer version.
    #[error("stored data is invalid: {0}")]
    Corrupt(#[from] turnout_domain::Error),
}
