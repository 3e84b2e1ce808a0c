//! The operation layer: building HTTP requests from inputs and reading responses,
//! errors included, then a round trip over real HTTP on 127.0.0.1.

use http::{Request, Response};
use iot_models::operation::describe_job_template::{
    DescribeJobTemplate, DescribeJobTemplateError, DescribeJobTemplateInput,
};
use iot_models::runtime::http::{RequestError, ResponseError};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn service_error(r: Result<impl std::fmt::Debug, ResponseError<DescribeJobTemplateError>>) -> DescribeJobTemplateError {
    match r {
        Err(ResponseError::Service(e)) => e.into_error(),
        other => panic!("expected a service error, got {other:?}"),
    }
}

mod requests {
    use super::*;

    #[test]
    fn describe_job_template_request() {
        let input = DescribeJobTemplateInput::builder()
            .job_template_id("nightly-v2")
            .build()
            .unwrap();
        let request: Request<Vec<u8>> = DescribeJobTemplate::request(&input).unwrap();
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri(), "/job-templates/nightly-v2");
        assert!(request.body().is_empty());
        assert!(request.headers().get("content-type").is_none());
    }

    /// Constraint traits are the service's to enforce (an id format may have been
    /// relaxed since the model was generated); only what the request needs fails.
    #[test]
    fn requests_leave_constraints_to_the_service() {
        let input: DescribeJobTemplateInput = serde_json::from_str(r#"{"jobTemplateId": "bad id!"}"#).unwrap();
        assert!(input.validate().is_err(), "validate() still checks, for whoever asks");
        let request = DescribeJobTemplate::request(&input).expect("a request");
        assert_eq!(request.uri(), "/job-templates/bad%20id%21");
        let longer = "a".repeat(65);
        let input = DescribeJobTemplateInput::builder()
            .job_template_id(longer.clone())
            .build_unchecked();
        let request = DescribeJobTemplate::request(&input).expect("a request");
        assert_eq!(request.uri().path(), format!("/job-templates/{longer}"));
        let missing: DescribeJobTemplateInput = serde_json::from_str("{}").unwrap();
        assert!(matches!(
            DescribeJobTemplate::request(&missing),
            Err(RequestError::EmptyLabel("jobTemplateId"))
        ));
    }

    #[test]
    fn labels_are_percent_encoded() {
        use golden_traits::operation::upload::{Upload, UploadInput};
        let uri = |key: &str| {
            let input = UploadInput::builder().key(key).build().unwrap();
            Upload::request(&input).map(|r| r.uri().to_string())
        };
        assert_eq!(uri("a b").unwrap(), "/upload/a%20b");
        assert_eq!(uri("dir/file").unwrap(), "/upload/dir%2Ffile");
        assert_eq!(uri("100%").unwrap(), "/upload/100%25");
        assert_eq!(uri("café😀").unwrap(), "/upload/caf%C3%A9%F0%9F%98%80");
        assert_eq!(uri("A-z_0.9~").unwrap(), "/upload/A-z_0.9~");
        assert!(matches!(
            uri(""),
            Err(golden_traits::runtime::http::RequestError::EmptyLabel("key"))
        ));
    }

    #[test]
    fn every_rest_json_binding() {
        use golden_http::operation::put_object::{PutObject, PutObjectInput};
        use golden_http::types::{Color, Document};
        let input = PutObjectInput::builder()
            .bucket("my bucket")
            .key("photos/2024/a b.jpg")
            .versions(1)
            .versions(2)
            .since(time::macros::datetime!(2024-01-02 03:04:05.5 UTC))
            .flag(true)
            .extra("flag", "ignored: the explicit member wins")
            .extra("custom", "v/w")
            .content_md5("abc==")
            .expires(time::macros::datetime!(2024-01-02 03:04:05 UTC))
            .tags("a")
            .tags("b,c")
            .meta("owner", "me")
            .color(Color::Red)
            .body(Document::builder().title("T").pages(3).build())
            .build()
            .unwrap();
        let request = PutObject::request(&input).unwrap();
        assert_eq!(request.method(), "PUT");
        assert_eq!(
            request.uri(),
            "/buckets/my%20bucket/objects/photos/2024/a%20b.jpg?x-id=PutObject&version=1&version=2&since=2024-01-02T03%3A04%3A05.5Z&flag=true&custom=v%2Fw"
        );
        let header = |name: &str| request.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header("content-md5").as_deref(), Some("abc=="));
        assert_eq!(header("expires").as_deref(), Some("Tue, 02 Jan 2024 03:04:05 GMT"));
        assert_eq!(header("x-tags").as_deref(), Some("a, \"b,c\""));
        assert_eq!(header("x-meta-owner").as_deref(), Some("me"));
        assert_eq!(header("x-color").as_deref(), Some("red"));
        assert_eq!(header("content-type").as_deref(), Some("application/json"));
        assert_eq!(request.body(), br#"{"title":"T","pages":3}"#);
    }

    #[test]
    fn aws_json_requests() {
        use golden_awsjson::operation::get_item::{GetItem, GetItemInput};
        let request = GetItem::request(&GetItemInput::builder().table_name("t").build()).unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "/");
        assert_eq!(request.headers()["x-amz-target"], "Service.GetItem");
        assert_eq!(request.headers()["content-type"], "application/x-amz-json-1.0");
        assert_eq!(request.body(), br#"{"tableName":"t"}"#);
    }
}

mod responses {
    use super::*;
    use iot_models::types::error::ResourceNotFoundException;

    #[test]
    fn success_bodies() {
        let ok =
            DescribeJobTemplate::response(&response(200, &[], r#"{"jobTemplateId":"t1","__type":"x#Y"}"#)).unwrap();
        assert_eq!(ok.job_template_id(), Some("t1"));
        let empty = DescribeJobTemplate::response(&response(200, &[], "")).unwrap();
        assert_eq!(empty.job_template_id(), None);
        match DescribeJobTemplate::response(&response(200, &[], "<html>")) {
            Err(ResponseError::Malformed { status: 200, body, .. }) => assert_eq!(body, b"<html>"),
            other => panic!("expected a malformed response, got {other:?}"),
        }
    }

    #[test]
    fn error_type_from_header_then_code_then_type() {
        let from_header = service_error(DescribeJobTemplate::response(&response(
            404,
            &[(
                "X-Amzn-Errortype",
                "ResourceNotFoundException:http://internal.amazon.com/coral/",
            )],
            r#"{"code":"ThrottlingException","__type":"InvalidRequestException","message":"no template t1"}"#,
        )));
        assert_eq!(
            from_header,
            DescribeJobTemplateError::ResourceNotFoundException(
                ResourceNotFoundException::builder().message("no template t1").build()
            )
        );
        let from_code = service_error(DescribeJobTemplate::response(&response(
            400,
            &[],
            r#"{"code":"ThrottlingException","__type":"InvalidRequestException"}"#,
        )));
        assert!(from_code.is_throttling() && from_code.is_retryable());
        let from_type = service_error(DescribeJobTemplate::response(&response(
            400,
            &[],
            r#"{"__type":"com.amazonaws.iot#InvalidRequestException:http://x/#y","Message":"bad"}"#,
        )));
        assert_eq!(from_type.code(), Some("InvalidRequestException"));
        assert_eq!(
            from_type.message(),
            Some("bad"),
            "Message is read when message is absent"
        );
        let error_message = service_error(DescribeJobTemplate::response(&response(
            500,
            &[],
            r#"{"__type":"InternalFailureException","errorMessage":"oops"}"#,
        )));
        assert_eq!(
            (error_message.code(), error_message.message()),
            (Some("InternalFailureException"), Some("oops"))
        );
    }

    #[test]
    fn unknown_codes_and_non_json_bodies_are_unhandled() {
        let unknown = service_error(DescribeJobTemplate::response(&response(
            403,
            &[("x-amzn-requestid", "req-1")],
            r#"{"__type":"AccessDeniedException","message":"denied"}"#,
        )));
        let DescribeJobTemplateError::Unhandled(u) = &unknown else {
            panic!("{unknown:?}")
        };
        assert_eq!(
            (u.code(), u.message(), u.status()),
            (Some("AccessDeniedException"), Some("denied"), Some(403))
        );
        assert!(u.body().starts_with(b"{"));
        assert_eq!(unknown.to_string(), "AccessDeniedException: denied");

        let html = DescribeJobTemplate::response(&response(502, &[], "<html>Bad Gateway</html>"));
        let status = html.as_ref().err().map(|e| e.status());
        let DescribeJobTemplateError::Unhandled(u) = service_error(html) else {
            panic!()
        };
        assert_eq!((u.code(), u.status(), status), (None, Some(502), Some(502)));
        assert_eq!(u.body(), b"<html>Bad Gateway</html>");
        assert!(u.is_retryable(), "5xx is worth retrying");

        // A modeled code with a body that is not JSON still yields that error.
        let modeled = service_error(DescribeJobTemplate::response(&response(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException")],
            "not json",
        )));
        assert_eq!(modeled.code(), Some("ResourceNotFoundException"));
        assert_eq!(modeled.message(), None);
    }

    #[test]
    fn bound_response_members() {
        use golden_http::operation::get_object::GetObject;
        use golden_http::operation::put_object::PutObject;
        let out = PutObject::response(&response(
            201,
            &[
                ("ETag", "\"e1\""),
                ("X-Size", "42"),
                ("Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT"),
                ("X-Tags", "a, \"b,c\""),
                ("X-Meta-Owner", "me"),
            ],
            r#"{"version":"v7"}"#,
        ))
        .unwrap();
        assert_eq!(out.etag(), Some("\"e1\""));
        assert_eq!(out.size(), Some(42));
        assert_eq!(out.modified().map(|t| t.unix_timestamp()), Some(1_704_164_645));
        assert_eq!(out.tags(), ["a", "b,c"]);
        assert_eq!(out.meta().unwrap()["owner"], "me");
        assert_eq!(out.status(), Some(201));
        assert_eq!(out.version(), Some("v7"));
        let bad = PutObject::response(&response(200, &[("X-Size", "many")], "{}"));
        assert!(
            matches!(bad, Err(golden_http::runtime::http::ResponseError::Malformed { .. })),
            "{bad:?}"
        );

        let blob = GetObject::response(&response(200, &[("Content-Type", "image/png")], "\u{89}PNG")).unwrap();
        assert_eq!(blob.data().unwrap().as_bytes(), "\u{89}PNG".as_bytes());
        assert_eq!(blob.content_type(), Some("image/png"));
    }

    #[test]
    fn modeled_errors_of_another_service() {
        use golden_http::operation::put_object::{PutObject, PutObjectError};
        let slow = PutObject::response(&response(503, &[], r#"{"__type":"SlowDown","Message":"later"}"#));
        let golden_http::runtime::http::ResponseError::Service(e) = slow.unwrap_err() else {
            panic!()
        };
        assert!(matches!(e.error(), PutObjectError::SlowDown(_)));
        assert!(e.error().is_throttling() && e.error().is_retryable());
        assert_eq!(e.error().message(), Some("later"));
    }
}

mod loopback {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// Serves one canned response per connection, `responses.len()` connections,
    /// and reports each request line it saw. Bounded in count and time.
    fn serve(responses: Vec<String>) -> (u16, mpsc::Receiver<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local address").port();
        let (seen, requests) = mpsc::channel();
        std::thread::spawn(move || {
            for canned in responses {
                let Ok((stream, _)) = listener.accept() else { return };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut reader = BufReader::new(stream);
                let mut request_line = String::new();
                let _ = reader.read_line(&mut request_line);
                let mut content_length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        content_length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; content_length];
                let _ = reader.read_exact(&mut body);
                let _ = seen.send(request_line.trim().to_owned());
                let mut stream = reader.into_inner();
                let _ = stream.write_all(canned.as_bytes());
            }
        });
        (port, requests)
    }

    fn canned(status: &str, headers: &[&str], body: &str) -> String {
        let mut text = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for h in headers {
            text.push_str(h);
            text.push_str("\r\n");
        }
        text.push_str("\r\n");
        text.push_str(body);
        text
    }

    fn send(port: u16, input: &DescribeJobTemplateInput) -> Response<Vec<u8>> {
        let request = DescribeJobTemplate::request(input).expect("valid input");
        let request = iot_models::runtime::http::with_endpoint(request, &format!("http://127.0.0.1:{port}")).unwrap();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let mut response = agent.run(request).expect("the loopback server answers");
        let body = response.body_mut().read_to_vec().expect("body");
        let (parts, _) = response.into_parts();
        Response::from_parts(parts, body)
    }

    #[test]
    fn round_trip_over_real_http() {
        let body = tests::fixture("describe_job_template_full.json");
        let (port, requests) = serve(vec![
            canned("200 OK", &["Content-Type: application/json"], &body),
            canned(
                "404 Not Found",
                &[
                    "X-Amzn-Errortype: ResourceNotFoundException",
                    "Content-Type: application/json",
                ],
                r#"{"message":"The job template nightly does not exist."}"#,
            ),
            canned(
                "400 Bad Request",
                &["Content-Type: application/json", "x-amzn-RequestId: abc-123"],
                r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
            ),
        ]);
        let input = DescribeJobTemplateInput::builder()
            .job_template_id("firmware-rollout-v2")
            .build()
            .unwrap();

        let ok = DescribeJobTemplate::response(&send(port, &input)).expect("a success");
        assert_eq!(ok.job_template_id(), Some("firmware-rollout-v2"));
        assert_eq!(ok.abort_config().unwrap().criteria_list().len(), 2);
        assert_eq!(
            requests.recv().unwrap(),
            "GET /job-templates/firmware-rollout-v2 HTTP/1.1"
        );

        let not_found = DescribeJobTemplate::response(&send(port, &input)).unwrap_err();
        assert_eq!(not_found.status(), 404);
        assert!(matches!(
            not_found.service_error(),
            Some(DescribeJobTemplateError::ResourceNotFoundException(_))
        ));
        assert_eq!(not_found.to_string(), "the service answered HTTP 404");
        assert_eq!(
            std::error::Error::source(&not_found)
                .map(ToString::to_string)
                .as_deref(),
            Some("ResourceNotFoundException: The job template nightly does not exist.")
        );

        let throttled = DescribeJobTemplate::response(&send(port, &input)).unwrap_err();
        let ResponseError::Service(e) = &throttled else {
            panic!("{throttled:?}")
        };
        assert!(e.error().is_throttling());
        assert_eq!(e.request_id(), Some("abc-123"));
        assert_eq!(
            requests.recv_timeout(Duration::from_secs(5)).unwrap(),
            "GET /job-templates/firmware-rollout-v2 HTTP/1.1"
        );
    }
}

/// The request id of a successful response is kept, not dropped.
#[test]
fn successful_responses_keep_their_request_id() {
    use iot_models::operation::describe_job_template::DescribeJobTemplate;
    let answer = http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "4f1c-req")
        .body(br#"{"jobTemplateId":"nightly"}"#.to_vec())
        .unwrap();
    let received = DescribeJobTemplate::response_received(&answer).unwrap();
    assert_eq!(received.request_id(), Some("4f1c-req"));
    assert_eq!(received.status(), 200);
    assert_eq!(received.output().job_template_id(), Some("nightly"));
    assert_eq!(received.into_output(), DescribeJobTemplate::response(&answer).unwrap());
}
