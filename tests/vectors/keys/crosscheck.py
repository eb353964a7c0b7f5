"""Independent cross-check of tests/vectors/keys/ with Python `cryptography` (OpenSSL
Argon2id, AES-GCM, X25519), not with phiseal: re-seals every backup in `inputs` and
recomputes every fingerprint from the recipe in docs/KEYS.md. Needs cryptography >= 44.
Run from the repository root: python3 tests/vectors/keys/crosscheck.py
"""
import json, base64, hashlib
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
v = json.load(open('tests/vectors/keys/backup.json'))
b64d = lambda s: base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
b64e = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
cases = {c['name']: c for c in v['cases']}
for inp in v['inputs']:
    sk = bytes.fromhex(inp['secret_key_hex'])
    pk = X25519PrivateKey.from_private_bytes(sk).public_key().public_bytes_raw()
    kid = hashlib.sha256(('{"crv":"X25519","kty":"OKP","x":"%s"}' % b64e(pk)).encode()).digest()
    salt = bytes.fromhex(inp['salt_hex']); nonce = bytes.fromhex(inp['nonce_hex'])
    header = b'PSKB\x01' + inp['m_cost_kib'].to_bytes(4,'big') + inp['t_cost'].to_bytes(4,'big') + inp['p_cost'].to_bytes(4,'big') + salt + kid
    key = Argon2id(salt=salt, length=32, iterations=inp['t_cost'], lanes=inp['p_cost'], memory_cost=inp['m_cost_kib']).derive(inp['password_utf8'].encode())
    ct = AESGCM(key).encrypt(nonce, sk, header)
    text = 'phiseal-key1.' + b64e(header + nonce + ct)
    assert text == cases[inp["name"]]["backup"], inp["name"]
    assert b64e(kid) == cases[inp["name"]]["expected"]["key_id"], inp["name"]
fp = json.load(open('tests/vectors/keys/fingerprint.json'))
for c in fp['cases']:
    d = hashlib.sha512(b'phiseal fingerprint v1' + bytes.fromhex(c['public_key_hex'])).digest()
    s = ' '.join('%05d' % (int.from_bytes(d[5*i:5*i+5],'big') % 100000) for i in range(8))
    assert s == c["fingerprint"], c["name"]
print("all keys vectors cross-checked")
