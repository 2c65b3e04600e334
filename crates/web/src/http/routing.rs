//! Route tables that remember what they hold. axum's `Router` cannot list its
//! routes, and the access matrix test must know every one of them so that a
//! new route without a row fails it. So every area builds its routes with
//! `Routes` and these `get`/`post`, which build the axum router and record
//! each (method, path) as they go.

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;

use crate::state::AppState;

/// The handlers of one path, and which methods they answer.
pub struct Methods {
    methods: Vec<Method>,
    router: MethodRouter<AppState>,
}

pub fn get<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods { methods: vec![Method::GET], router: axum::routing::get(handler) }
}

pub fn post<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods { methods: vec![Method::POST], router: axum::routing::post(handler) }
}

impl Methods {
    pub fn post<H: Handler<T, AppState>, T: 'static>(mut self, handler: H) -> Self {
        self.methods.push(Method::POST);
        self.router = self.router.post(handler);
        self
    }
}

/// An axum router and the list of what it routes.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn route(mut self, path: &'static str, methods: Methods) -> Self {
        self.list.extend(methods.methods.into_iter().map(|m| (m, path)));
        self.router = self.router.route(path, methods.router);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.list.extend(other.list);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn list(&self) -> Vec<(Method, &'static str)> {
        self.list.clone()
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
