//! What every request passes through: who is asking (session and CSRF), the
//! client's address and the abuse limits, access checks, security headers
//! and logging, errors, the route tables, and the server's connection limits.
//! Nothing here renders a page but the error page.

pub mod access;
pub mod error;
pub mod limits;
pub mod list_query;
pub mod middleware;
pub mod routing;
pub mod secrets;
pub mod server;
pub mod visitor;
