//! `iot-models`' service side behind a real HTTP server: hyper reads the
//! request off the socket, [`answer`] does the rest with the generated
//! `server` module, and hyper writes the response back. The generated code
//! itself names no server framework; this crate is the only place one
//! appears.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use iot_models::operation::describe_job_template::{
    DescribeJobTemplate, DescribeJobTemplateError, DescribeJobTemplateOutput,
};
use iot_models::runtime::server::Rejection;
use iot_models::server::{self, Request};
use iot_models::types::error::ResourceNotFoundException;
use tokio::net::TcpListener;

/// The largest request body read; a larger one is refused before parsing.
pub const MAX_BODY: usize = 1 << 20;

/// Job templates by id: what the service answers from.
pub type Templates = BTreeMap<String, DescribeJobTemplateOutput>;

/// The response to one request, all of it sans-IO: route and parse (every
/// constraint checked), look the template up, write the output or the error.
pub fn answer(templates: &Templates, request: &http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    match server::parse(request) {
        Ok(Request::DescribeJobTemplate(input)) => {
            let id = input.job_template_id().unwrap_or_default();
            match templates.get(id) {
                Some(template) => DescribeJobTemplate::output_response(template),
                None => {
                    let missing = ResourceNotFoundException::builder()
                        .message(format!("no job template `{id}`"))
                        .build_unchecked();
                    DescribeJobTemplate::error_response(&DescribeJobTemplateError::ResourceNotFoundException(missing))
                }
            }
        }
        Ok(other) => server::reject(&Rejection::Malformed(format!(
            "`{}` is not served here",
            other.operation_name()
        ))),
        Err(rejection) => server::reject(&rejection),
    }
}

/// Serves `templates` on `listener` until `connections` connections have
/// been handled (`None`: forever), one task per connection.
pub async fn serve(listener: TcpListener, templates: Templates, connections: Option<usize>) -> std::io::Result<()> {
    let templates = Arc::new(templates);
    let mut served = 0;
    while connections.is_none_or(|limit| served < limit) {
        let (stream, _) = listener.accept().await?;
        served += 1;
        let templates = Arc::clone(&templates);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let templates = Arc::clone(&templates);
                async move { Ok::<_, Infallible>(handle(&templates, request).await) }
            });
            // A connection that breaks off ends its own task, nothing else.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
    Ok(())
}

/// Reads the body (at most [`MAX_BODY`] bytes) and answers.
async fn handle(templates: &Templates, request: http::Request<Incoming>) -> http::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let response = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => answer(
            templates,
            &http::Request::from_parts(parts, collected.to_bytes().to_vec()),
        ),
        Err(_) => server::reject(&Rejection::Malformed(format!(
            "the body is unreadable or longer than {MAX_BODY} bytes"
        ))),
    };
    response.map(|body| Full::new(Bytes::from(body)))
}
