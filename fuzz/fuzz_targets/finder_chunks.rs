//! The `audit --scan` token finder finds the same candidates, at the same lines and
//! columns, however the input is cut into reads. Input: one byte that chooses the read
//! sizes, then the text.
#![no_main]

use std::io::{self, Read};

use jwtx::audit::finder::{Found, scan_bytes, scan_reader};
use jwtx::token::Token;
use libfuzzer_sys::fuzz_target;

/// Hands out the data in reads of varying size (1 to 64 bytes), sometimes interrupted.
struct Pieces<'a> {
    data: &'a [u8],
    state: u32,
}

impl Read for Pieces<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.state = self.state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let roll = (self.state >> 16) as usize;
        if roll.is_multiple_of(11) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = out.len().min(self.data.len()).min(1 + roll % 64);
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&seed, text)) = data.split_first() else {
        return;
    };
    let whole = scan_bytes(text);
    let mut pieces = Vec::new();
    let reader = Pieces {
        data: text,
        state: u32::from(seed),
    };
    scan_reader(reader, |f: Found| pieces.push(f)).expect("reading from memory cannot fail");
    assert_eq!(pieces, whole, "results depend on how the input was read");
    for found in &whole {
        assert!(found.line >= 1 && found.column >= 1);
        assert!(found.text.is_ascii());
        let _ = Token::parse(&found.text);
    }
});
