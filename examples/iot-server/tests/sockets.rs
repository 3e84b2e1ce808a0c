//! The generated client against the generated service over real sockets:
//! hyper serves `iot_server_example::answer` on 127.0.0.1, and each request
//! is built by `DescribeJobTemplate::request`, sent with hyper's client and
//! read back by `DescribeJobTemplate::response`. Bounded: three connections,
//! ten seconds.

use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use iot_models::operation::describe_job_template::{
    DescribeJobTemplate, DescribeJobTemplateError, DescribeJobTemplateInput, DescribeJobTemplateOutput,
};
use iot_models::runtime::http::ResponseError;
use tokio::net::{TcpListener, TcpStream};

/// Sends `input`'s request to `address` on a connection of its own and
/// reads the response as the client does.
async fn call(
    address: std::net::SocketAddr,
    id: &str,
) -> Result<DescribeJobTemplateOutput, ResponseError<DescribeJobTemplateError>> {
    let input = DescribeJobTemplateInput::builder()
        .job_template_id(id)
        .build_unchecked();
    let request = DescribeJobTemplate::request(&input).expect("the request builds");
    let request = iot_models::runtime::http::with_endpoint(request, &format!("http://{address}")).expect("an endpoint");
    let (mut parts, body) = request.into_parts();
    // HTTP/1.1 wants a Host header; the origin-form URI goes on the wire.
    parts
        .headers
        .insert(http::header::HOST, address.to_string().parse().expect("a host header"));
    parts.uri = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .parse()
        .expect("an origin-form URI");
    let stream = TcpStream::connect(address).await.expect("the server listens");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("an HTTP/1.1 connection");
    tokio::spawn(connection);
    let response = sender
        .send_request(http::Request::from_parts(parts, Full::new(Bytes::from(body))))
        .await
        .expect("a response");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("the body arrives").to_bytes().to_vec();
    DescribeJobTemplate::response(&http::Response::from_parts(parts, body))
}

#[tokio::test(flavor = "current_thread")]
async fn the_generated_client_talks_to_the_generated_service() {
    let stored = DescribeJobTemplateOutput::builder()
        .job_template_arn("arn:aws:iot:eu-west-1:123456789012:jobtemplate/nightly")
        .job_template_id("nightly")
        .description("Nightly firmware check")
        .build_unchecked();
    let templates = [("nightly".to_owned(), stored.clone())].into_iter().collect();
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(iot_server_example::serve(listener, templates, Some(3)));
    let exchange = async {
        // Found: the output comes back whole.
        let found = call(address, "nightly").await.expect("the template is found");
        assert_eq!(found, stored);

        // Not found: the modeled error, with the service's message.
        match call(address, "weekly").await {
            Err(ResponseError::Service(error)) => match error.into_error() {
                DescribeJobTemplateError::ResourceNotFoundException(e) => {
                    assert_eq!(e.message(), Some("no job template `weekly`"));
                }
                other => panic!("expected ResourceNotFoundException, got {other:?}"),
            },
            other => panic!("expected a service error, got {other:?}"),
        }

        // Breaks @pattern: the service refuses it before any lookup, and the
        // client sees the ValidationException's code and status.
        match call(address, "not valid!").await {
            Err(ResponseError::Service(error)) => {
                assert_eq!(error.status(), 400);
                let error = error.into_error();
                assert_eq!(error.code(), Some("ValidationException"));
            }
            other => panic!("expected a ValidationException, got {other:?}"),
        }
    };
    tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("three exchanges within ten seconds");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops after three connections")
        .expect("the server task ends")
        .expect("the server serves without I/O errors");
}
