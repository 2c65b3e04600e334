//! Looking for a piece of text in every text column of every table, to prove
//! that something erased is gone from everywhere, not only from where the
//! code that erased it looked.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// Every (table, column) of the database that can hold text.
pub async fn text_columns(db: &DatabaseConnection) -> Vec<(String, String)> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND (p.type = '' OR upper(p.type) LIKE '%CHAR%' OR upper(p.type) LIKE '%TEXT%' OR upper(p.type) LIKE '%CLOB%' \
             OR upper(p.type) LIKE '%JSON%' OR upper(p.type) LIKE '%BLOB%')"
        }
        _ => {
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')"
        }
    };
    let rows = db.query_all_raw(Statement::from_string(backend, sql)).await.expect("list the columns");
    let out: Vec<(String, String)> =
        rows.iter().map(|r| (r.try_get_by_index::<String>(0).expect("table"), r.try_get_by_index::<String>(1).expect("column"))).collect();
    assert!(out.len() > 20, "the scan finds the schema's text columns: {out:?}");
    out
}

/// The (table, column) pairs where `needle` occurs, compared case-folded.
pub async fn find_everywhere(db: &DatabaseConnection, needle: &str) -> Vec<(String, String)> {
    let backend = db.get_database_backend();
    let needle = needle.to_lowercase().replace('\'', "''");
    let mut found = Vec::new();
    for (table, column) in text_columns(db).await {
        let as_text = match backend {
            DbBackend::Sqlite => format!("CAST(\"{column}\" AS TEXT)"),
            _ => format!("\"{column}\"::text"),
        };
        let sql = format!("SELECT COUNT(*) FROM \"{table}\" WHERE lower({as_text}) LIKE '%{needle}%'");
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await.expect("scan a column").expect("a count");
        if row.try_get_by_index::<i64>(0).expect("a count") > 0 {
            found.push((table, column));
        }
    }
    found
}
