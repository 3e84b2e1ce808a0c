//! `cargo run -p iot-server-example [PORT]`: serves one job template,
//! `nightly`, on 127.0.0.1 (port 8080 unless given).

use iot_models::operation::describe_job_template::DescribeJobTemplateOutput;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::args().nth(1) {
        Some(text) => text.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("`{text}` is not a port number"),
            )
        })?,
        None => 8080,
    };
    let template = DescribeJobTemplateOutput::builder()
        .job_template_arn("arn:aws:iot:eu-west-1:123456789012:jobtemplate/nightly")
        .job_template_id("nightly")
        .description("Nightly firmware check")
        .build_unchecked();
    let templates = [("nightly".to_owned(), template)].into_iter().collect();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("serving DescribeJobTemplate on http://{}", listener.local_addr()?);
    iot_server_example::serve(listener, templates, None).await
}
