//! The role keys of one record being sealed (docs/RECORDS.md, "Cryptography" and "Sealing").
//!
//! A role's field and MAC keys come from its data key alone; only its key header depends on the
//! finished legend (through the header context). So the walk asks the keyring for a role's keys
//! the first time a value needs that role: its data key is taken then from fresh CSPRNG bytes
//! (drawn once per record for all roles), and the value is encrypted at once, where the walk
//! finds it. Once the walk is done, [`RoleKeyring::seal_headers`] wraps each role's data key to
//! its recipients, bound to the legend. Roles no value needs get no key and no header.

use std::collections::BTreeMap;

use zeroize::Zeroizing;

use crate::envelope::{DataKey, DATA_KEY_LEN};
use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::random;
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
    /// Fresh random bytes for the data keys, one 32-byte slice per policy role.
    seeds: Zeroizing<Vec<u8>>,
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
        RoleKeyring {
            policy,
            recipients_by_role,
            record_id,
            secrets,
            seeds: Zeroizing::new(Vec::new()),
            nonces: Nonces::new(),
        }
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
        if self.secrets.get(role).ok_or(Error::InvalidArgument("role index"))?.is_some() {
            return Ok(());
        }
        let name = self.policy.roles().get(role).ok_or(Error::InvalidArgument("role index"))?;
        if !self.recipients_by_role.get(name).is_some_and(|keys| !keys.is_empty()) {
            return Err(Error::InvalidArgument("a role the record needs has no recipients"));
        }
        if self.seeds.is_empty() {
            // One draw for every role's data key: one system call (or getRandomValues) in all.
            self.seeds = Zeroizing::new(vec![0; self.secrets.len() * DATA_KEY_LEN]);
            random::fill(&mut self.seeds)?;
        }
        let start = role * DATA_KEY_LEN;
        let seed = self.seeds.get(start..start + DATA_KEY_LEN).ok_or(Error::InvalidArgument("role index"))?;
        let data_key = DataKey::from_slice(seed)?;
        let keys = RoleKeys::derive(data_key.expose())?;
        if let Some(slot) = self.secrets.get_mut(role) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_gets_its_own_data_key_and_needs_recipients() {
        let policy = Policy::from_json(
            r#"{"version": 1, "roles": ["a", "b", "c"], "rules": [{"path": "/x", "action": "encrypt", "roles": ["a", "b"]}]}"#,
        )
        .unwrap();
        let key = *KeyPair::generate().unwrap().public_key();
        let recipients = BTreeMap::from([("a".to_owned(), vec![key]), ("b".to_owned(), vec![key])]);
        let mut keyring = RoleKeyring::new(&policy, &recipients, "r1");
        keyring.seal_field("/x", &[0, 1], &[b"1               ", b"1               "]).unwrap();
        let keys: Vec<&DataKey> = keyring.secrets.iter().flatten().map(|secret| &secret.data_key).collect();
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        let error = keyring.seal_field("/y", &[2], &[b"2               "]).unwrap_err();
        assert_eq!(error.code(), "INVALID_ARGUMENT", "role c has no recipients");
        let headers = keyring.seal_headers("[]", None).unwrap();
        assert_eq!(headers.iter().map(|sealed| sealed.role.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    }
}
