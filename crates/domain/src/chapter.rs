use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Where a chapter sits in the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterKind {
    National,
    District,
    Branch,
    CampusBranch,
}

impl ChapterKind {
    pub const ALL: [ChapterKind; 4] = [Self::National, Self::District, Self::Branch, Self::CampusBranch];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::District => "district",
            Self::Branch => "branch",
            Self::CampusBranch => "campus_branch",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::National => "National",
            Self::District => "District",
            Self::Branch => "Branch",
            Self::CampusBranch => "Campus branch",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or_else(|| Error::UnknownName { what: "chapter kind", value: value.to_owned() })
    }
}

/// A chapter as the public pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chapter {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ChapterKind,
    pub parent_id: Option<i64>,
    pub time_zone: String,
    pub description: String,
    pub contact_email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ChapterKind::ALL {
            assert_eq!(ChapterKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(ChapterKind::parse("galaxy").is_err());
    }
}
