//! The ids that travel as plain strings but are never just strings: a side's
//! (`china`, `south-korea`), the perspective of a persona that a passage, a
//! statement, an article's section or a channel speaks for; and a language's
//! (`en`, `ko`, `zh-Hant`), checked once where it is read. Typed, so that one
//! never takes the other's place; written as plain strings in every file and
//! record, as before.

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

/// `Serialize`, `Deserialize` and a string `JsonSchema` for a type written as
/// text: its `Display` form out, its `FromStr` parse in (a record that does
/// not parse is an error naming why).
macro_rules! text_serde {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string" })
            }
        }
    };
}
pub(crate) use text_serde;

/// A side's id.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(transparent)]
#[schemars(inline)]
pub(crate) struct SideId(String);

impl SideId {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SideId {
    fn from(id: &str) -> SideId {
        SideId(id.to_string())
    }
}

impl From<String> for SideId {
    fn from(id: String) -> SideId {
        SideId(id)
    }
}

impl From<&String> for SideId {
    fn from(id: &String) -> SideId {
        SideId(id.clone())
    }
}

impl std::ops::Deref for SideId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SideId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SideId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SideId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SideId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SideId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for SideId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<SideId> for str {
    fn eq(&self, other: &SideId) -> bool {
        self == other.0
    }
}

impl PartialEq<SideId> for &str {
    fn eq(&self, other: &SideId) -> bool {
        *self == other.0
    }
}

impl PartialEq<SideId> for String {
    fn eq(&self, other: &SideId) -> bool {
        *self == other.0
    }
}

/// A language code: a primary subtag of two or three lower-case letters, then
/// subtags of two to eight letters or digits (`en`, `ko`, `zh-Hant`, `pt-BR`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Lang(String);

text_serde!(Lang);

impl Lang {
    /// A code, checked; the error says what a code looks like.
    pub(crate) fn parse(code: &str) -> Result<Lang, String> {
        let mut parts = code.split('-');
        let primary = parts.next().unwrap_or("");
        let ok = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if ok {
            Ok(Lang(code.to_string()))
        } else {
            Err(format!(
                "`{code}` is not a language code; use codes like en, ko, ja, zh or zh-Hant"
            ))
        }
    }

    /// English, the language of a text that says nothing else.
    pub(crate) fn english() -> Lang {
        Lang("en".into())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// A code written in a test, which must be one.
#[cfg(test)]
impl From<&str> for Lang {
    fn from(code: &str) -> Lang {
        Lang::parse(code).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(code: &str) -> Result<Lang, String> {
        Lang::parse(code)
    }
}

impl std::ops::Deref for Lang {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Lang {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Lang {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Lang {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, SideId};

    #[test]
    fn a_side_is_written_as_the_string_it_was() {
        let side: SideId = serde_json::from_str("\"south-korea\"").unwrap();
        assert_eq!(side, "south-korea");
        assert_eq!(serde_json::to_string(&side).unwrap(), "\"south-korea\"");
        let shares: std::collections::BTreeMap<SideId, f64> =
            serde_json::from_str(r#"{"china":0.5}"#).unwrap();
        assert_eq!(serde_json::to_string(&shares).unwrap(), r#"{"china":0.5}"#);
    }

    #[test]
    fn a_language_code_is_checked_once_and_written_as_it_was() {
        for ok in ["en", "ko", "ja", "zh", "zh-Hant", "pt-BR", "fil", "yue"] {
            let l = Lang::parse(ok).unwrap();
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{ok}\""));
        }
        for bad in [
            "",
            "e",
            "EN",
            "english",
            "ko_KR",
            "en-",
            "zh-Hant-",
            "k o",
            "../x",
            "ko-KR-toolongsubtag",
        ] {
            assert!(Lang::parse(bad).is_err(), "{bad}");
            assert!(
                serde_json::from_str::<Lang>(&format!("\"{bad}\"")).is_err(),
                "{bad}"
            );
        }
    }
}
