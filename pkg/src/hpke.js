// The `hpke` namespace: RFC 9180 HPKE with DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 /
// AES-256-GCM, modes base and auth. Option objects in, positional WebAssembly calls out.
import * as glue from "../dist/phiseal_wasm_bg.js";
import { optionalBytes, publicKeyBytes, requireOptions } from "./bytes.js";

/** Seals one message; auth mode when `senderKeyPair` is given. Returns `{ enc, ciphertext }`. */
function seal(options) {
  const { publicKey, info, aad, plaintext, senderKeyPair } = requireOptions(options, "hpke.seal");
  const pk = publicKeyBytes(publicKey);
  return senderKeyPair === undefined
    ? glue.hpkeSeal(pk, optionalBytes(info), optionalBytes(aad), plaintext)
    : glue.hpkeSealAuth(pk, senderKeyPair, optionalBytes(info), optionalBytes(aad), plaintext);
}

/** Opens one message; auth mode when `senderPublicKey` is given. */
function open(options) {
  const { enc, keyPair, info, aad, ciphertext, senderPublicKey } = requireOptions(options, "hpke.open");
  return senderPublicKey === undefined
    ? glue.hpkeOpen(enc, keyPair, optionalBytes(info), optionalBytes(aad), ciphertext)
    : glue.hpkeOpenAuth(enc, keyPair, publicKeyBytes(senderPublicKey), optionalBytes(info), optionalBytes(aad), ciphertext);
}

/** Sender side of the secret exporter (base mode): `{ enc, secret }`. */
function sendExport(options) {
  const { publicKey, info, exporterContext, length } = requireOptions(options, "hpke.sendExport");
  return glue.hpkeSendExport(publicKeyBytes(publicKey), optionalBytes(info), optionalBytes(exporterContext), length);
}

/** Receiver side of the secret exporter (base mode). */
function receiveExport(options) {
  const { enc, keyPair, info, exporterContext, length } = requireOptions(options, "hpke.receiveExport");
  return glue.hpkeReceiveExport(enc, keyPair, optionalBytes(info), optionalBytes(exporterContext), length);
}

/** A multi-message sender context (`HpkeSender`): `enc`, `seal(plaintext, aad?)`, `export`. */
function setupSender(options) {
  const { publicKey, info, senderKeyPair } = requireOptions(options, "hpke.setupSender");
  const pk = publicKeyBytes(publicKey);
  return senderKeyPair === undefined
    ? glue.HpkeSender.base(pk, optionalBytes(info))
    : glue.HpkeSender.auth(pk, senderKeyPair, optionalBytes(info));
}

/** A multi-message receiver context (`HpkeReceiver`): `open(ciphertext, aad?)`, `export`. */
function setupReceiver(options) {
  const { enc, keyPair, info, senderPublicKey } = requireOptions(options, "hpke.setupReceiver");
  return senderPublicKey === undefined
    ? glue.HpkeReceiver.base(enc, keyPair, optionalBytes(info))
    : glue.HpkeReceiver.auth(enc, keyPair, publicKeyBytes(senderPublicKey), optionalBytes(info));
}

export const hpke = Object.freeze({ seal, open, sendExport, receiveExport, setupSender, setupReceiver });
