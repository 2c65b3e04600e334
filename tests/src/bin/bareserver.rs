//! `bareserver DATABASE_URL`: the ceiling `make bench` measures Turnout's
//! pages against. One axum page that reads 20 rows and renders them as HTML
//! with maud, through the same pool Turnout opens (`turnout_persistence::connect`,
//! 8 connections): what the machine, the database and the stack can do at
//! best for a page that reads. Not part of `turnout`; prints
//! `Bare page at http://127.0.0.1:PORT/` once it listens.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use sea_orm::{ConnectionTrait, Statement};
use turnout_persistence::Db;

const ROWS: i64 = 20;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).expect("usage: bareserver DATABASE_URL");
    let db = turnout_persistence::connect(&url, 8).await.expect("connect to the database");
    db.execute_unprepared("CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)")
        .await
        .expect("create the table");
    db.execute_unprepared("DELETE FROM bench_rows").await.expect("empty the table");
    for id in 1..=ROWS {
        let sql = format!(
            "INSERT INTO bench_rows (id, title, body) VALUES ({id}, 'Row {id}', 'Some text for row {id}, about as long as an event summary.')"
        );
        db.execute_unprepared(&sql).await.expect("insert a row");
    }
    let app = Router::new().route("/", get(page)).with_state(db);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    println!("Bare page at http://{}/", listener.local_addr().expect("address"));
    axum::serve(listener, app).await.expect("serve");
}

async fn page(State(db): State<Db>) -> Markup {
    let sql = format!("SELECT id, title, body FROM bench_rows ORDER BY id LIMIT {ROWS}");
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap_or_default();
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Bare page" } }
            body {
                ul {
                    @for r in &rows {
                        li {
                            h2 { (r.try_get_by_index::<String>(1).unwrap_or_default()) }
                            p { (r.try_get_by_index::<String>(2).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
    }
}
