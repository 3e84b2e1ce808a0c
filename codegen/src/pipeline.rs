//! Stages 3 and 4 together: every file is emitted and formatted by itself, so
//! the files are shared among worker threads, one per core. Token streams
//! cannot leave the thread that made them, so a worker emits the files it
//! formats; only the IR is shared, and only text comes back. Output order is
//! the plan's path order, whatever the threads did.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::emit::{self, Context, FileJob};
use crate::error::Result;
use crate::ir::rust::CrateIr;
use crate::{format, GeneratedFile, Settings};

/// Emits and formats every file of `ir`'s module tree.
pub fn emit_and_format(ir: &CrateIr, settings: &Settings) -> Result<Vec<GeneratedFile>> {
    let ctx = Context::new(ir, &settings.mount)?;
    let jobs = emit::plan(
        ir,
        settings.strategies,
        settings.protocol_tests.then_some(&settings.expected_failures[..]),
    );
    // Largest first, so that no thread is left with a big file at the end.
    let mut order: Vec<(usize, usize)> = jobs.iter().enumerate().map(|(i, job)| (job.weight(ir), i)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&(_, index)) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((index, format_job(&jobs[index], ir, &ctx, &settings.header)));
        }
        done
    };
    // A panicking worker panics the scope: that is a generator bug, not an input error.
    let done: Vec<(usize, Result<String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for worker in workers {
            done.extend(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    let mut texts: Vec<Option<Result<String>>> = jobs.iter().map(|_| None).collect();
    for (index, text) in done {
        texts[index] = Some(text);
    }
    jobs.into_iter()
        .zip(texts)
        .map(|(job, text)| {
            let contents = match text {
                Some(text) => text?,
                // Every index was taken by some worker; this only keeps the
                // function total.
                None => format_job(&job, ir, &ctx, &settings.header)?,
            };
            Ok(GeneratedFile {
                path: job.path,
                contents,
            })
        })
        .collect()
}

fn format_job(job: &FileJob<'_>, ir: &CrateIr, ctx: &Context, header: &str) -> Result<String> {
    format::format_file(&job.path, job.emit(ir, ctx), header)
}
