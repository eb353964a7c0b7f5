//! The role and role-set keys of one record being sealed (docs/RECORDS.md, "Format version 2").
//!
//! A role's data key only wraps keys and MACs the manifest; fields are encrypted under the key
//! of a role set (the roles that get the same plaintext of a value), which each member role's
//! header carries wrapped under a pad of that role's data key. None of these depend on the
//! finished legend, only the key headers do (through their context), so the walk asks the
//! keyring to encrypt each value where it finds it: data and set keys are drawn then, on first
//! use, from a pool of fresh CSPRNG bytes that also gives the nonces and the key headers' salts
//! (one draw a record). Once the walk is done, [`RoleKeyring::seal_headers`] wraps each role's
//! data key to its recipients, bound to the legend. Roles no value needs get no key and no
//! header.

use std::collections::BTreeMap;

use crate::envelope::DataKey;
use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey};
use crate::primitives::base64;
use crate::primitives::secret::SecretBytes;
use crate::records::field_aead::{FieldKey, RandomPool};
use crate::records::field_cipher::{self, FieldPlace};
use crate::records::key_header;
use crate::records::policy::Policy;
use crate::records::role_sets::set_id;
use crate::records::set_keys::{header_context, RoleKeysV2};

/// A drawn data key and the keys derived from it.
struct RoleSecret {
    data_key: DataKey,
    keys: RoleKeysV2,
}

/// A drawn role-set key: its members (policy indices, policy order), id and cipher.
struct SetSecret {
    members: Vec<usize>,
    id: Vec<u8>,
    key: SecretBytes<32>,
    cipher: FieldKey,
}

/// Role and set keys drawn on first use, and the record's random pool.
pub(crate) struct RoleKeyring<'a> {
    policy: &'a Policy,
    recipients_by_role: &'a BTreeMap<String, Vec<PublicKey>>,
    record_id: &'a str,
    roles: Vec<Option<RoleSecret>>,
    sets: Vec<SetSecret>,
    pool: RandomPool,
}

/// One role's finished key header, its set-key wraps (base64url) and its MAC keys.
pub(crate) struct SealedRole {
    pub role: String,
    pub keys: RoleKeysV2,
    pub header: Vec<u8>,
    pub sets: String,
}

impl<'a> RoleKeyring<'a> {
    pub(crate) fn new(
        policy: &'a Policy,
        recipients_by_role: &'a BTreeMap<String, Vec<PublicKey>>,
        record_id: &'a str,
    ) -> Self {
        let roles = policy.roles().iter().map(|_| None).collect();
        RoleKeyring { policy, recipients_by_role, record_id, roles, sets: Vec::new(), pool: RandomPool::new() }
    }

    /// Encrypts one value once per plaintext group at `path`: `groups` gives each group's roles
    /// (policy indices, policy order) and padded plaintext. Returns the compact string.
    pub(crate) fn seal_field(&mut self, path: &str, groups: &[(&[usize], &[u8])]) -> Result<String> {
        let mut indices = Vec::with_capacity(groups.len());
        for (members, _) in groups {
            indices.push(self.set_for(members)?);
        }
        let RoleKeyring { sets, pool, record_id, .. } = self;
        let segments = indices
            .iter()
            .zip(groups)
            .map(|(&index, (_, plaintext))| {
                let set = sets.get(index).ok_or(Error::InvalidArgument("role set index"))?;
                Ok((&set.cipher, *plaintext))
            })
            .collect::<Result<Vec<_>>>()?;
        field_cipher::seal_field(pool, &FieldPlace { record_id, path }, &segments)
    }

    /// The index of the set of `members`, drawing its key (and its members' data keys) first.
    fn set_for(&mut self, members: &[usize]) -> Result<usize> {
        // Members come in policy order from the walk: a set already drawn is found without a copy.
        if members.windows(2).all(|pair| matches!(pair, [a, b] if a < b)) {
            if let Some(index) = self.sets.iter().position(|set| set.members == members) {
                return Ok(index);
            }
        }
        // A set is its members whatever their order: one key per set id.
        let mut members = members.to_vec();
        members.sort_unstable();
        members.dedup();
        if let Some(index) = self.sets.iter().position(|set| set.members == members) {
            return Ok(index);
        }
        let mut names = Vec::with_capacity(members.len());
        for &role in &members {
            self.draw(role)?;
            names.push(self.policy.roles().get(role).ok_or(Error::InvalidArgument("role index"))?.as_str());
        }
        let key = self.pool.secret_key()?;
        let cipher = FieldKey::new(&key)?;
        self.sets.push(SetSecret { members, id: set_id(names), key, cipher });
        Ok(self.sets.len() - 1)
    }

    /// Draws the data key of `role` unless it has one; refuses a role without recipients.
    fn draw(&mut self, role: usize) -> Result<()> {
        if self.roles.get(role).ok_or(Error::InvalidArgument("role index"))?.is_some() {
            return Ok(());
        }
        let name = self.policy.roles().get(role).ok_or(Error::InvalidArgument("role index"))?;
        if !self.recipients_by_role.get(name).is_some_and(|keys| !keys.is_empty()) {
            return Err(Error::InvalidArgument("a role the record needs has no recipients"));
        }
        let data_key = DataKey::from_slice(self.pool.secret_key()?.expose())?;
        let keys = RoleKeysV2::derive(data_key.expose())?;
        if let Some(slot) = self.roles.get_mut(role) {
            *slot = Some(RoleSecret { data_key, keys });
        }
        Ok(())
    }

    /// One key header and set-key wraps per role that drew a key, in policy order, bound to the
    /// canonical legend (given as its SHA-256).
    pub(crate) fn seal_headers(
        mut self,
        legend_digest: &[u8; 32],
        sender: Option<&KeyPair>,
    ) -> Result<Vec<SealedRole>> {
        // Wraps follow the byte order of the set ids.
        self.sets.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut out = Vec::new();
        for (index, (name, secret)) in self.policy.roles().iter().zip(self.roles).enumerate() {
            let Some(RoleSecret { data_key, keys }) = secret else { continue };
            let mut wraps = Vec::new();
            let pads = keys.pads()?;
            for set in self.sets.iter().filter(|set| set.members.contains(&index)) {
                wraps.extend_from_slice(pads.xor(&set.id, set.key.expose())?.expose());
            }
            let recipients = self.recipients_by_role.get(name).map(Vec::as_slice).unwrap_or_default();
            let context = header_context(self.record_id, name, legend_digest);
            let header = key_header::seal_header(&data_key, recipients, sender, &context, self.pool.salt()?)?;
            out.push(SealedRole { role: name.clone(), keys, header, sets: base64::encode_public(&wraps) });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::set_keys::SET_KEY_LEN;

    #[test]
    fn each_role_and_set_gets_its_own_key_and_roles_need_recipients() {
        let policy = Policy::from_json(
            r#"{"version": 1, "roles": ["a", "b", "c"], "rules": [{"path": "/x", "action": "encrypt", "roles": ["a", "b"]}]}"#,
        )
        .unwrap();
        let key = *KeyPair::generate().unwrap().public_key();
        let recipients = BTreeMap::from([("a".to_owned(), vec![key]), ("b".to_owned(), vec![key])]);
        let mut keyring = RoleKeyring::new(&policy, &recipients, "r1");
        let padded: &[u8] = b"1               ";
        keyring.seal_field("/x", &[(&[0, 1], padded)]).unwrap();
        keyring.seal_field("/y", &[(&[1, 0], padded), (&[0], padded)]).unwrap();
        let keys: Vec<&DataKey> = keyring.roles.iter().flatten().map(|secret| &secret.data_key).collect();
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        assert_eq!(keyring.sets.len(), 2, "one key per distinct role set");
        assert_ne!(keyring.sets[0].key.expose(), keyring.sets[1].key.expose());
        let error = keyring.seal_field("/z", &[(&[2], padded)]).unwrap_err();
        assert_eq!(error.code(), "INVALID_ARGUMENT", "role c has no recipients");
        let headers = keyring.seal_headers(&[0; 32], None).unwrap();
        assert_eq!(headers.iter().map(|sealed| sealed.role.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let wraps: Vec<usize> = headers.iter().map(|sealed| base64::decode(&sealed.sets).unwrap().len()).collect();
        assert_eq!(wraps, [2 * SET_KEY_LEN, SET_KEY_LEN], "a is in both sets, b in one");
        // The key headers' salts (bytes 9..41, docs/FORMAT.md) come from the record's pool:
        // fresh, and never shared between two headers.
        let salts: Vec<&[u8]> = headers.iter().map(|sealed| &sealed.header[9..41]).collect();
        assert_ne!(salts[0], salts[1]);
        assert!(salts.iter().all(|salt| salt.iter().any(|&b| b != 0)));
    }
}
