//! The fetch loop's rules on a scripted transport and a clock that records its waits.

use super::*;

/// Replies in order; records each URL asked for and the limit given.
struct Script {
    replies: Vec<Result<Reply, Trouble>>,
    asked: Vec<(String, u64)>,
}

impl Transport for Script {
    fn get(&mut self, url: &str, _key: &ApiKey, limit: u64) -> Result<Reply, Trouble> {
        self.asked.push((url.to_string(), limit));
        assert!(
            !self.replies.is_empty(),
            "asked for more than scripted: {url}"
        );
        self.replies.remove(0)
    }
}

struct Waits(Vec<Duration>);

impl Clock for Waits {
    fn now(&self) -> SystemTime {
        // 1994-11-06T08:49:37Z
        SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777)
    }
    fn sleep(&mut self, d: Duration) {
        self.0.push(d);
    }
}

fn ok(body: &str) -> Result<Reply, Trouble> {
    Ok(Reply {
        status: 200,
        retry_after: None,
        location: None,
        body: body.as_bytes().to_vec(),
    })
}

fn status(code: u16, retry_after: Option<&str>) -> Result<Reply, Trouble> {
    Ok(Reply {
        status: code,
        retry_after: retry_after.map(str::to_string),
        location: None,
        body: Vec::new(),
    })
}

fn language(page: u64, total: u64, records: usize) -> String {
    let data = vec![r#"{"slug":"m"}"#; records].join(",");
    format!(
        r#"{{"tier":"pro","intelligence_index_version":4.1,"pagination":{{"page":{page},"page_size":200,"total_pages":{total},"has_more":{}}},"data":[{data}]}}"#,
        page < total
    )
}

fn run(
    request: &Request,
    replies: Vec<Result<Reply, Trouble>>,
) -> (Result<Fetched, FetchError>, Vec<String>, Vec<Duration>) {
    let key = ApiKey::new("k-123-abcdef", "test").unwrap();
    let mut t = Script {
        replies,
        asked: Vec::new(),
    };
    let mut clock = Waits(Vec::new());
    let result = fetch_with(request, &key, &mut t, &mut clock);
    assert!(t.replies.is_empty(), "replies left over: {:?}", t.replies);
    (result, t.asked.into_iter().map(|a| a.0).collect(), clock.0)
}

fn language_request() -> Request {
    let mut r = Request::new("http://127.0.0.1:9/", Endpoint::Language, Tier::Auto);
    r.retry.base = Duration::from_millis(10);
    r
}

#[test]
fn every_page_is_followed_and_recorded() {
    let r = language_request();
    let bodies = [language(1, 3, 2), language(2, 3, 2), language(3, 3, 1)];
    let (fetched, asked, waits) = run(&r, bodies.iter().map(|b| ok(b)).collect());
    let fetched = fetched.unwrap();
    assert_eq!(
        asked,
        [1, 2, 3].map(|n| format!("http://127.0.0.1:9/api/v2/language/models?page={n}"))
    );
    assert!(waits.is_empty());
    assert_eq!(fetched.tier, Some("pro"));
    assert_eq!(fetched.stated_tier.as_deref(), Some("pro"));
    assert_eq!(fetched.index_version.as_deref(), Some("4.1"));
    assert_eq!(fetched.path, "/api/v2/language/models");
    let records: Vec<usize> = fetched.pages.iter().map(|p| p.records).collect();
    assert_eq!(records, [2, 2, 1]);
    assert_eq!(fetched.pages[2].retrieved_at, "1994-11-06T08:49:37Z");
    // SHA-256 of the bytes as received.
    let sha: String = Sha256::digest(bodies[1].as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(fetched.pages[1].sha256, sha);
    assert_eq!(fetched.pages[1].bytes, bodies[1].as_bytes());
}

#[test]
fn retries_back_off_exponentially_and_honour_retry_after() {
    let r = language_request();
    let replies = vec![
        status(503, None),
        status(500, None),
        status(429, Some("7")),
        status(429, Some("Sun, 06 Nov 1994 08:49:40 GMT")),
        ok(&language(1, 1, 1)),
    ];
    let (fetched, _, waits) = run(&r, replies);
    let fetched = fetched.unwrap();
    let ms = Duration::from_millis;
    // 10 ms, 20 ms (doubling), then 7 s and 3 s as Retry-After asked (seconds, then a date).
    assert_eq!(waits, [ms(10), ms(20), ms(7000), ms(3000)]);
    assert_eq!(fetched.pages[0].attempts, 5);
    assert_eq!(fetched.waited, ms(10_030));
    assert_eq!(fetched.notes.len(), 4);
    assert!(
        fetched.notes[2].contains("as Retry-After asks"),
        "{:?}",
        fetched.notes
    );
}

#[test]
fn retrying_is_bounded_in_attempts_and_in_waiting() {
    let r = language_request();
    let (e, asked, waits) = run(&r, (0..5).map(|_| status(500, None)).collect());
    let e = e.unwrap_err();
    assert_eq!(asked.len(), 5);
    assert_eq!(waits.len(), 4);
    assert!(
        matches!(
            e,
            FetchError::GaveUp {
                status: 500,
                attempts: 5,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("gave up after 5 attempts"), "{e}");

    // A Retry-After beyond the single-wait bound is not waited for.
    let (e, _, waits) = run(&r, vec![status(429, Some("121"))]);
    assert!(waits.is_empty());
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("asked to wait 121 s, more than the 120 s"),
    );
    // Nor beyond the total: 100 + 100 + 100 s fit in 300 s, a fourth wait does not.
    let replies = (0..4).map(|_| status(503, Some("100"))).collect();
    let (e, _, waits) = run(&r, replies);
    assert_eq!(waits.len(), 3);
    let e = e.unwrap_err();
    assert!(e.to_string().contains("would pass the 300 s"), "{e}");
    assert!(e.to_string().contains("300.0 s of waiting"), "{e}");
}

#[test]
fn auto_falls_back_to_free_on_403_and_explicit_tiers_do_not() {
    let r = language_request();
    let free = language(1, 1, 1).replace("\"pro\"", "\"free\"");
    let (fetched, asked, _) = run(&r, vec![status(403, None), ok(&free)]);
    let fetched = fetched.unwrap();
    assert_eq!(
        asked[1],
        "http://127.0.0.1:9/api/v2/language/models/free?page=1"
    );
    assert_eq!(fetched.tier, Some("free"));
    assert_eq!(fetched.path, "/api/v2/language/models/free");
    assert!(fetched.notes[0].contains("no Pro access"));

    let mut pro = language_request();
    pro.tier = Tier::Pro;
    let (e, _, _) = run(&pro, vec![status(403, None)]);
    assert!(e.unwrap_err().to_string().contains("--tier free"));
    let mut only_free = language_request();
    only_free.tier = Tier::Free;
    let (e, asked, _) = run(&only_free, vec![status(401, None)]);
    assert_eq!(
        asked,
        ["http://127.0.0.1:9/api/v2/language/models/free?page=1"]
    );
    assert!(e.unwrap_err().to_string().contains("401 Unauthorized"));
}

#[test]
fn statuses_are_explained() {
    let mut legacy = language_request();
    legacy.endpoint = Endpoint::Legacy;
    let (e, asked, _) = run(&legacy, vec![status(410, None)]);
    assert_eq!(asked, ["http://127.0.0.1:9/api/v2/data/llms/models"]);
    let e = e.unwrap_err().to_string();
    assert!(
        e.contains("2026-11-04") && e.contains("--endpoint language"),
        "{e}"
    );
    let (e, _, _) = run(&legacy, vec![status(404, None)]);
    assert!(e.unwrap_err().to_string().contains("404 Not Found"));
    let (e, _, _) = run(&legacy, vec![Err(Trouble::Timeout)]);
    assert!(e.unwrap_err().to_string().contains("within 60 s (timeout)"));
    let (e, _, _) = run(
        &legacy,
        vec![Ok(Reply {
            status: 301,
            retry_after: None,
            location: Some("https://elsewhere.example/".into()),
            body: vec![],
        })],
    );
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("redirected to https://elsewhere.example/")
    );
}

#[test]
fn pagination_is_bounded_and_must_agree() {
    let mut r = language_request();
    r.max_pages = 2;
    let (e, _, _) = run(&r, vec![ok(&language(1, 3, 1))]);
    assert_eq!(
        e.unwrap_err(),
        FetchError::TooManyPages {
            max_pages: 2,
            total_pages: 3
        }
    );
    let r = language_request();
    // Page 2 says it is page 3; page 2 says there are 4 pages; has_more false before the end.
    for second in [
        language(3, 3, 1),
        language(2, 4, 1),
        language(2, 3, 1).replace("\"has_more\":true", "\"has_more\":false"),
    ] {
        let (e, _, _) = run(&r, vec![ok(&language(1, 3, 1)), ok(&second)]);
        let e = e.unwrap_err().to_string();
        assert!(
            e.contains("page 2 is JSON but not the endpoint's shape"),
            "{e}"
        );
    }
    // A first page that says it is page 1 of 0.
    let (e, _, _) = run(&r, vec![ok(&language(1, 0, 1))]);
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("page 1 is JSON but not the endpoint's shape")
    );
    // The index version changed between pages.
    let (e, _, _) = run(
        &r,
        vec![
            ok(&language(1, 2, 1)),
            ok(&language(2, 2, 1).replace("4.1", "4.3")),
        ],
    );
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("the data changed while it was fetched")
    );
}

#[test]
fn bytes_are_bounded_over_all_pages_and_the_key_is_never_kept() {
    let mut r = language_request();
    let first = language(1, 2, 1);
    r.max_bytes = first.len() as u64 + 10;
    let key = ApiKey::new("k-123-abcdef", "test").unwrap();
    let mut t = Script {
        replies: vec![ok(&first), Err(Trouble::TooLarge)],
        asked: Vec::new(),
    };
    let e = fetch_with(&r, &key, &mut t, &mut Waits(Vec::new())).unwrap_err();
    assert!(matches!(e, FetchError::TooLarge { .. }));
    // The second page may have only what the first left.
    assert_eq!(t.asked[1].1, 10);

    let r = language_request();
    let echo = language(1, 1, 1).replace("\"m\"", "\"k-123-abcdef\"");
    let (e, _, _) = run(&r, vec![ok(&echo)]);
    let e = e.unwrap_err();
    assert!(matches!(e, FetchError::KeyInResponse { .. }));
    assert!(!e.to_string().contains("k-123-abcdef"));
}

#[test]
fn base_urls() {
    for good in [
        "https://artificialanalysis.ai",
        "https://artificialanalysis.ai/",
        "http://127.0.0.1:8080",
        "http://localhost:1/replay",
        "http://[::1]:80",
    ] {
        assert!(check_base_url(good).is_ok(), "{good}");
    }
    for (bad, why) in [
        ("artificialanalysis.ai", "no scheme"),
        ("ftp://x", "only https://"),
        ("http://example.com", "unencrypted"),
        ("http://10.0.0.1", "unencrypted"),
        ("https://user:pw@example.com", "user name"),
        ("https://example.com/?q=1", "query"),
        ("https://", "no host"),
    ] {
        let e = check_base_url(bad).unwrap_err().to_string();
        assert!(e.contains(why), "{bad}: {e}");
    }
}
