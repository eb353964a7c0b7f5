//! The role keys of one record being sealed (docs/RECORDS.md, "Cryptography" and "Sealing").
//!
//! A role's field and MAC keys come from its data key alone; only its key header depends on the
//! finished legend (through the header context). So the walk asks the keyring for a role's keys
//! the first time a value needs that role: a fresh data key is drawn then, and the value is
//! encrypted at once, where the walk finds it. Once the walk is done, [`RoleKeyring::seal_headers`]
//! wraps each drawn data key to its role's recipients, bound to the legend. Roles no value
//! needs draw no key and get no header, as before.

use std::collections::BTreeMap;

use crate::envelope::DataKey;
use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::records::field_aead::Nonces;
use crate::records::field_cipher::{self, FieldPlace};
use crate::records::field_keys::{header_context, legend_digest, RoleKeys};
use crate::records::key_header;
use crate::records::policy::Policy;

/// A drawn data key and the keys derived from it.
struct RoleSecret {
    data_key: DataKey,
    keys: RoleKeys,
}

/// Role keys drawn on first use, in policy role order, and the record's field nonces.
pub(crate) struct RoleKeyring<'a> {
    policy: &'a Policy,
    recipients_by_role: &'a BTreeMap<String, Vec<PublicKey>>,
    record_id: &'a str,
    secrets: Vec<Option<RoleSecret>>,
    nonces: Nonces,
}

/// One role's finished key header, with the keys that MAC the manifest.
pub(crate) struct SealedRole {
    pub role: String,
    pub keys: RoleKeys,
    pub header: Vec<u8>,
}

impl<'a> RoleKeyring<'a> {
    pub(crate) fn new(
        policy: &'a Policy,
        recipients_by_role: &'a BTreeMap<String, Vec<PublicKey>>,
        record_id: &'a str,
    ) -> Self {
        let secrets = policy.roles().iter().map(|_| None).collect();
        RoleKeyring { policy, recipients_by_role, record_id, secrets, nonces: Nonces::new() }
    }

    /// Encrypts one value for the roles `roles` (policy indices, legend order), each with its
    /// padded plaintext, at `path`; returns the compact string.
    pub(crate) fn seal_field(&mut self, path: &str, roles: &[usize], plaintexts: &[&[u8]]) -> Result<String> {
        for &role in roles {
            self.draw(role)?;
        }
        let RoleKeyring { policy, secrets, nonces, record_id, .. } = self;
        let segments = roles
            .iter()
            .zip(plaintexts)
            .map(|(&role, plaintext)| {
                let name = policy.roles().get(role).ok_or(Error::InvalidArgument("role index"))?;
                let secret = secrets.get(role).and_then(Option::as_ref).ok_or(Error::InvalidArgument("role index"))?;
                Ok((&secret.keys, name.as_str(), *plaintext))
            })
            .collect::<Result<Vec<_>>>()?;
        field_cipher::seal_field(nonces, &FieldPlace { record_id, path }, &segments)
    }

    /// Draws the data key of `role` unless it has one; refuses a role without recipients.
    fn draw(&mut self, role: usize) -> Result<()> {
        let slot = self.secrets.get_mut(role).ok_or(Error::InvalidArgument("role index"))?;
        if slot.is_none() {
            let name = self.policy.roles().get(role).ok_or(Error::InvalidArgument("role index"))?;
            if !self.recipients_by_role.get(name).is_some_and(|keys| !keys.is_empty()) {
                return Err(Error::InvalidArgument("a role the record needs has no recipients"));
            }
            let data_key = DataKey::generate()?;
            let keys = RoleKeys::derive(data_key.expose())?;
            *slot = Some(RoleSecret { data_key, keys });
        }
        Ok(())
    }

    /// One key header per role that drew a key, in policy order, bound to the canonical legend.
    pub(crate) fn seal_headers(self, legend_canonical: &str, sender: Option<&KeyPair>) -> Result<Vec<SealedRole>> {
        let digest = legend_digest(legend_canonical);
        let mut out = Vec::new();
        for (name, secret) in self.policy.roles().iter().zip(self.secrets) {
            let Some(RoleSecret { data_key, keys }) = secret else { continue };
            let recipients = self.recipients_by_role.get(name).map(Vec::as_slice).unwrap_or_default();
            let context = header_context(self.record_id, name, &digest);
            let header = key_header::seal_header(&data_key, recipients, sender, &context)?;
            out.push(SealedRole { role: name.clone(), keys, header });
        }
        Ok(out)
    }
}
