//! Byte-level reading and writing of envelope headers (docs/FORMAT.md, "Header").
//!
//! All integers are big-endian. Every length is checked against what remains *and* against
//! [`limits`](super::limits) before anything is allocated or any key agreement is done.

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::hpke::ENC_LEN;
use crate::keys::{KeyId, PublicKey, KEY_ID_LEN, KEY_LEN};

use super::limits::MAX_RECIPIENTS;

/// The four magic bytes `phsl` that start every envelope.
pub(crate) const MAGIC: [u8; 4] = *b"phsl";
/// Format version.
pub(crate) const VERSION: u8 = 1;
/// Suite 0x0001: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM.
pub(crate) const SUITE: u16 = 0x0001;
/// Flag bit 0: slots use HPKE auth mode and the header carries the sender's public key.
pub(crate) const FLAG_SENDER_AUTH: u8 = 0x01;
/// Length of a wrapped data key: 32-byte key plus 16-byte tag.
pub(crate) const WRAPPED_LEN: usize = 48;
/// Length of one recipient slot.
pub(crate) const SLOT_LEN: usize = KEY_ID_LEN + ENC_LEN + WRAPPED_LEN;

/// What follows a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A one-shot AES-256-GCM payload follows; the header carries its SHA-256 digest.
    Sealed = 1,
    /// Nothing follows: the header only carries a data key (used by sealed records).
    KeyOnly = 2,
    /// A C2SP Cobblestone-256 stream follows, keyed from the data key, with the header bytes
    /// as its context (docs/STREAMING.md).
    Stream = 3,
}

impl Kind {
    fn from_byte(byte: u8) -> Result<Self> {
        match byte {
            1 => Ok(Kind::Sealed),
            2 => Ok(Kind::KeyOnly),
            3 => Ok(Kind::Stream),
            _ => Err(Error::UnsupportedVersion),
        }
    }
}

/// One recipient slot: the data key wrapped with HPKE to the key with id `key_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    pub key_id: KeyId,
    pub enc: [u8; ENC_LEN],
    pub wrapped: [u8; WRAPPED_LEN],
}

/// The parts of a header that never change when recipients are rewrapped.
#[derive(Clone, Debug)]
pub(crate) struct Preamble {
    pub kind: Kind,
    pub salt: [u8; 32],
    pub payload_digest: Option<[u8; 32]>,
    pub sender: Option<PublicKey>,
}

/// A parsed header.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub preamble: Preamble,
    pub slots: Vec<Slot>,
    pub commitment: [u8; 32],
    pub mac: [u8; 32],
}

impl Preamble {
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(105);
        out.extend_from_slice(&MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&SUITE.to_be_bytes());
        out.push(self.kind as u8);
        out.push(if self.sender.is_some() { FLAG_SENDER_AUTH } else { 0 });
        out.extend_from_slice(&self.salt);
        if let Some(digest) = &self.payload_digest {
            out.extend_from_slice(digest);
        }
        if let Some(sender) = &self.sender {
            out.extend_from_slice(sender.as_bytes());
        }
        out
    }

    /// `SHA-256(preamble)`: bound into every slot so slots cannot move between envelopes.
    pub(crate) fn slot_binding(&self) -> [u8; 32] {
        Sha256::digest(self.to_bytes()).into()
    }
}

impl Header {
    /// Bytes covered by the header MAC: everything before the MAC itself.
    pub(crate) fn mac_input(&self) -> Vec<u8> {
        let mut out = self.preamble.to_bytes();
        let count = u16::try_from(self.slots.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&count.to_be_bytes());
        for slot in &self.slots {
            out.extend_from_slice(slot.key_id.as_bytes());
            out.extend_from_slice(&slot.enc);
            out.extend_from_slice(&slot.wrapped);
        }
        out.extend_from_slice(&self.commitment);
        out
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.mac_input();
        out.extend_from_slice(&self.mac);
        out
    }

    /// Parses a header from the start of `input`, returning it and the bytes after it.
    /// With `expected`, a header of another kind is refused before anything else is read.
    pub(crate) fn parse(input: &[u8], expected: Option<Kind>) -> Result<(Header, &[u8])> {
        let mut reader = Reader(input);
        let preamble = parse_preamble(&mut reader, expected)?;
        let count = usize::from(u16::from_be_bytes(reader.array()?));
        if count == 0 {
            return Err(Error::Malformed("header has no recipients"));
        }
        if count > MAX_RECIPIENTS {
            return Err(Error::LimitExceeded("recipient count"));
        }
        if reader.0.len() < count * SLOT_LEN + 64 {
            return Err(Error::Malformed("truncated header"));
        }
        let slots = (0..count).map(|_| parse_slot(&mut reader)).collect::<Result<Vec<_>>>()?;
        reject_duplicate_slots(&slots)?;
        let commitment = reader.array()?;
        let mac = reader.array()?;
        Ok((Header { preamble, slots, commitment, mac }, reader.0))
    }

    /// The C2SP context of a streaming payload: the preamble followed by the commitment.
    /// Both survive a rewrap unchanged (slots and MAC do not), so recipients of a large file
    /// can be changed without touching its payload; the slots and MAC stay authenticated by
    /// the header MAC, and the commitment binds the data key, salt, kind and context.
    pub(crate) fn stream_context(&self) -> Vec<u8> {
        let mut out = self.preamble.to_bytes();
        out.extend_from_slice(&self.commitment);
        out
    }

    /// The slot addressed to `key_id`, if any.
    pub(crate) fn slot_for(&self, key_id: &KeyId) -> Option<&Slot> {
        self.slots.iter().find(|slot| &slot.key_id == key_id)
    }
}

fn parse_preamble(reader: &mut Reader<'_>, expected: Option<Kind>) -> Result<Preamble> {
    if reader.0.is_empty() {
        return Err(Error::Malformed("empty input"));
    }
    let magic: [u8; 4] = reader.array()?;
    if magic != MAGIC {
        return Err(Error::Malformed("not a phiseal envelope"));
    }
    let [version] = reader.array()?;
    let suite = u16::from_be_bytes(reader.array()?);
    if version != VERSION || suite != SUITE {
        return Err(Error::UnsupportedVersion);
    }
    let [kind] = reader.array()?;
    let kind = Kind::from_byte(kind)?;
    if expected.is_some_and(|expected| expected != kind) {
        return Err(Error::Malformed("wrong envelope kind"));
    }
    let [flags] = reader.array()?;
    if flags & !FLAG_SENDER_AUTH != 0 {
        return Err(Error::UnsupportedVersion);
    }
    let salt = reader.array()?;
    let payload_digest = match kind {
        Kind::Sealed => Some(reader.array()?),
        Kind::KeyOnly | Kind::Stream => None,
    };
    let sender = match flags & FLAG_SENDER_AUTH {
        0 => None,
        _ => Some(PublicKey::from_bytes(&reader.array::<KEY_LEN>()?)?),
    };
    Ok(Preamble { kind, salt, payload_digest, sender })
}

fn parse_slot(reader: &mut Reader<'_>) -> Result<Slot> {
    let key_id = KeyId::from_bytes(&reader.array::<KEY_ID_LEN>()?)?;
    Ok(Slot { key_id, enc: reader.array()?, wrapped: reader.array()? })
}

fn reject_duplicate_slots(slots: &[Slot]) -> Result<()> {
    let mut ids: Vec<&KeyId> = slots.iter().map(|slot| &slot.key_id).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|pair| pair.first() == pair.get(1)) {
        return Err(Error::Malformed("duplicate recipient slot"));
    }
    Ok(())
}

/// A cursor that never reads past the end of its input.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let (head, rest) = self.0.split_at_checked(N).ok_or(Error::Malformed("truncated header"))?;
        self.0 = rest;
        head.try_into().map_err(|_| Error::Malformed("truncated header"))
    }
}
