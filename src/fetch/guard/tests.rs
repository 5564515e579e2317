//! Tests of `guard`.

use super::*;

#[test]
fn refuses_internal_ranges_and_allows_public() {
    for bad in [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fd00:ec2::254",
        "fe80::1",
        "::ffff:127.0.0.1",
        "192.0.2.2",
        "198.51.100.7",
        "203.0.113.9",
        "::10.0.0.1",
        "2002:0a00:0001::1",
        "2001:0:4136:e378::1",
        "fec0::1",
        "2001:db8::1",
    ] {
        assert!(forbidden(bad.parse().unwrap()).is_some(), "{bad}");
    }
    for good in ["93.184.215.14", "2606:4700::1111", "8.8.8.8"] {
        assert!(forbidden(good.parse().unwrap()).is_none(), "{good}");
    }
    assert!(allowed(&["127.0.0.1:8080".into()], "127.0.0.1", 8080));
    assert!(!allowed(&["127.0.0.1:8080".into()], "127.0.0.1", 8081));
    assert!(allowed(&["intranet".into()], "intranet", 443));
}

#[test]
fn this_hosts_own_addresses_are_refused() {
    // The address this host would send from, found without sending anything.
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if probe.connect(("93.184.215.14", 9)).is_err() {
        return; // no route at all: nothing of our own to find
    }
    let own = probe.local_addr().unwrap().ip();
    assert!(refused(own).is_some(), "{own}");
    assert!(own_address(own), "{own}");
    assert!(!own_address("93.184.215.14".parse().unwrap()));
}

#[test]
fn nearby_hosts_are_this_machine_and_its_network_not_lookalike_names() {
    for url in [
        "http://localhost:8080/v1",
        "http://127.0.0.1:8080/v1",
        "http://[::1]:11434",
        "http://192.168.1.20:8000/v1",
        "http://gpu-box.local:8000/v1",
    ] {
        assert!(nearby(url), "{url}");
    }
    for url in [
        "https://127.example.com/v1",
        "https://localhost.example.com/v1",
        "https://api.openai.com/v1",
        "http://8.8.8.8/v1",
        "not a url",
    ] {
        assert!(!nearby(url), "{url}");
    }
}
