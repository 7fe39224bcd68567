//! The token loop shared by the commands that check many tokens (verify, expiry, audit):
//! read a bounded batch, check it in parallel chunks (each worker with its own scratch
//! state), then write each chunk's output in input order. Memory stays bounded by the
//! batch size whatever the input, and one token costs no process and no key reload.

use anyhow::Result;
use rayon::prelude::*;

use crate::exit::{Exit, InputError};
use crate::input::{Batch, Item, TokenStream};
use crate::output::Printer;

/// Tokens read per batch.
const BATCH: usize = 8192;
/// Tokens per parallel work unit.
const CHUNK: usize = 512;
/// How many distinct tallies a command may keep (its own states).
pub const TALLIES: usize = 8;

/// What a chunk of tokens produced, in order.
#[derive(Default)]
pub struct ChunkOut {
    pub stdout: Vec<u8>,
    pub stderr: String,
    exit: Option<Exit>,
    pub total: usize,
    /// Per-state counts, indexed as the command chooses.
    pub tally: [usize; TALLIES],
}

impl ChunkOut {
    fn record(&mut self, exit: Exit) {
        self.total += 1;
        self.exit = Some(self.exit.map_or(exit, |e| e.worst(exit)));
    }
}

/// The whole run's totals.
#[derive(Default, Debug)]
pub struct Totals {
    pub exit: Exit,
    pub total: usize,
    pub tally: [usize; TALLIES],
}

/// Checks every token in `stream` with `check`, which writes its output into the chunk
/// and returns the token's exit code. `header` is printed before the first output.
/// Fails with exit 5 when the input held no token.
pub fn run<S, F>(
    stream: &mut TokenStream,
    out: &mut Printer,
    header: Option<&str>,
    check: F,
) -> Result<Totals>
where
    S: Default + Send,
    F: Fn(&mut S, &Item<'_>, &mut ChunkOut) -> Exit + Sync,
{
    run_prepared(
        stream,
        out,
        header,
        |_| Ok(()),
        |state: &mut S, _: &(), item, chunk| check(state, item, chunk),
    )
}

/// [`run`], with `prepare` called on each batch before its tokens are checked (one
/// pipelined round trip to a service for the whole batch, say); what it returns is
/// handed to every `check` of that batch. An error from it stops the run.
pub fn run_prepared<S, P, G, F>(
    stream: &mut TokenStream,
    out: &mut Printer,
    header: Option<&str>,
    mut prepare: G,
    check: F,
) -> Result<Totals>
where
    S: Default + Send,
    P: Sync,
    G: FnMut(&Batch) -> Result<P>,
    F: Fn(&mut S, &P, &Item<'_>, &mut ChunkOut) -> Exit + Sync,
{
    let mut totals = Totals::default();
    // Tokens from a pipe are answered as they arrive.
    stream.interactive();
    let mut batch = Batch::default();
    let check_range =
        |state: &mut S, prepared: &P, range: std::ops::Range<usize>, batch: &Batch| {
            let mut chunk = ChunkOut::default();
            for i in range {
                let exit = check(state, prepared, &batch.get(i), &mut chunk);
                chunk.record(exit);
            }
            chunk
        };
    while stream.next_batch(BATCH, &mut batch) {
        let prepared = prepare(&batch)?;
        let prepared = &prepared;
        let n = batch.len();
        let chunks: Vec<ChunkOut> = if n > CHUNK {
            (0..n.div_ceil(CHUNK))
                .into_par_iter()
                .map_init(S::default, |state, c| {
                    check_range(state, prepared, c * CHUNK..n.min((c + 1) * CHUNK), &batch)
                })
                .collect()
        } else {
            vec![check_range(&mut S::default(), prepared, 0..n, &batch)]
        };
        for chunk in chunks {
            if totals.total == 0
                && let Some(header) = header
            {
                out.write_str(header)?;
            }
            out.write_bytes(&chunk.stdout)?;
            if !chunk.stderr.is_empty() {
                out.flush()?;
                crate::output::diag_raw(&chunk.stderr);
            }
            totals.exit = chunk.exit.map_or(totals.exit, |e| totals.exit.worst(e));
            totals.total += chunk.total;
            for (sum, n) in totals.tally.iter_mut().zip(chunk.tally) {
                *sum += n;
            }
        }
        if stream.paused() {
            out.flush()?;
        }
    }
    if totals.total == 0 {
        return Err(InputError("no token found in the input".into()).into());
    }
    Ok(totals)
}
