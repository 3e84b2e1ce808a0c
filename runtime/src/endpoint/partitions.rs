//! `aws.partition`: which AWS partition a region belongs to, from the
//! partitions data a generated crate embeds. A region listed by a partition
//! belongs to it (with that region's own overrides); otherwise the first
//! partition whose `regionRegex` matches; otherwise `aws`, as the SDKs do, so
//! that a region newer than the data still resolves.

use std::sync::Arc;

use serde_json::Value as Json;

use super::value::{Record, Value};

/// The partitions of one data file, ready to answer lookups.
#[derive(Debug)]
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Every region the data names, with its partition's outputs (overrides
    /// applied), sorted by name for a binary search (a few dozen names:
    /// faster than hashing the region); the first partition naming a region wins.
    listed: Vec<(String, Value)>,
    /// Index of the `aws` partition, the fallback.
    fallback: Option<usize>,
}

#[derive(Debug)]
struct Partition {
    region_regex: regex::Regex,
    outputs: Value,
}

impl Partitions {
    /// Reads partitions data (`{"partitions": [{"id", "regionRegex",
    /// "regions", "outputs"}]}`).
    pub fn parse(text: &str) -> Result<Partitions, String> {
        let json: Json = serde_json::from_str(text).map_err(|e| format!("the partitions data is not JSON: {e}"))?;
        let list = json
            .get("partitions")
            .and_then(Json::as_array)
            .ok_or("the partitions data has no `partitions` list")?;
        let mut partitions = Vec::with_capacity(list.len());
        let mut fallback = None;
        let mut listed: Vec<(String, Value)> = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let id = p
                .get("id")
                .and_then(Json::as_str)
                .ok_or_else(|| format!("partitions[{i}] has no `id`"))?;
            let at = |why: &str| format!("partition `{id}`: {why}");
            let regex = p
                .get("regionRegex")
                .and_then(Json::as_str)
                .ok_or_else(|| at("no `regionRegex`"))?;
            let region_regex = regex::Regex::new(regex).map_err(|e| at(&format!("bad `regionRegex`: {e}")))?;
            let outputs = p
                .get("outputs")
                .and_then(Json::as_object)
                .ok_or_else(|| at("no `outputs` object"))?;
            let record = |overrides: Option<&serde_json::Map<String, Json>>| -> Result<Value, String> {
                let mut fields: Vec<(String, Value)> = Vec::with_capacity(outputs.len() + 1);
                let mut put = |k: &str, v: &Json| -> Result<(), String> {
                    let v = Value::from_json(v).ok_or_else(|| at(&format!("`{k}` is not a plain value")))?;
                    match fields.iter_mut().find(|(name, _)| name == k) {
                        Some(slot) => slot.1 = v,
                        None => fields.push((k.to_owned(), v)),
                    }
                    Ok(())
                };
                for (k, v) in outputs {
                    put(k, v)?;
                }
                for (k, v) in overrides.into_iter().flatten() {
                    if k != "description" {
                        put(k, v)?;
                    }
                }
                if !fields.iter().any(|(k, _)| k == "name") {
                    fields.push(("name".into(), Value::from(id)));
                }
                Ok(Value::Record(Arc::new(Record(fields))))
            };
            for (name, overrides) in p.get("regions").and_then(Json::as_object).into_iter().flatten() {
                if !listed.iter().any(|(known, _)| known == name) {
                    listed.push((name.clone(), record(overrides.as_object())?));
                }
            }
            if id == "aws" {
                fallback = Some(i);
            }
            partitions.push(Partition {
                region_regex,
                outputs: record(None)?,
            });
        }
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Partitions {
            partitions,
            listed,
            fallback,
        })
    }

    /// The partition record of `region`.
    pub fn lookup(&self, region: &str) -> Option<Value> {
        let listed = self
            .listed
            .binary_search_by(|(name, _)| name.as_str().cmp(region))
            .ok()
            .map(|i| &self.listed[i].1);
        let matched = || {
            self.partitions
                .iter()
                .find(|p| p.region_regex.is_match(region))
                .map(|p| &p.outputs)
        };
        let fallback = || self.fallback.and_then(|i| self.partitions.get(i)).map(|p| &p.outputs);
        listed.or_else(matched).or_else(fallback).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"{"partitions": [
        {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
         "regions": {"us-east-1": {"description": "N. Virginia"}, "us-gov-like-1": {"supportsFIPS": false}},
         "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "supportsFIPS": true}},
        {"id": "other", "regionRegex": "^ot\\-\\w+\\-\\d+$",
         "regions": {"us-east-1": {"dnsSuffix": "never.example"}},
         "outputs": {"dnsSuffix": "other.example", "supportsFIPS": true}}
    ]}"#;

    fn field(partitions: &Partitions, region: &str, name: &str) -> Option<Value> {
        match partitions.lookup(region)? {
            Value::Record(r) => r.get(name).cloned(),
            _ => None,
        }
    }

    #[test]
    fn listed_regions_regexes_and_the_aws_fallback_decide_the_partition() {
        let p = Partitions::parse(DATA).expect("the data parses");
        // Listed first: the first partition naming a region wins.
        assert_eq!(field(&p, "us-east-1", "dnsSuffix"), Some(Value::from("amazonaws.com")));
        // A region's own overrides apply; its description is no output.
        assert_eq!(field(&p, "us-gov-like-1", "supportsFIPS"), Some(Value::Bool(false)));
        assert_eq!(field(&p, "us-east-1", "description"), None);
        // Not listed: the first matching pattern.
        assert_eq!(field(&p, "ot-west-7", "dnsSuffix"), Some(Value::from("other.example")));
        // A partition without a `name` output is named by its id.
        assert_eq!(field(&p, "ot-west-7", "name"), Some(Value::from("other")));
        // Nothing matches: `aws`.
        assert_eq!(field(&p, "zz-nowhere-1", "name"), Some(Value::from("aws")));
    }

    #[test]
    fn bad_data_is_an_error_naming_the_partition() {
        let bad = r#"{"partitions": [{"id": "x", "regionRegex": "(", "outputs": {}}]}"#;
        let error = Partitions::parse(bad).expect_err("a bad regex is refused");
        assert!(error.contains("partition `x`"), "{error}");
        assert!(Partitions::parse("{}").is_err());
    }
}
