//! Tests of the attribution check.
