// The typed layer over the evidence and fingerprint commands (src-tauri/src/evidence.rs). Files
// are chosen by Rust with the system dialog; a null result means the dialog was cancelled.
import type { Certificate } from './bindings/Certificate';
import type { Evidence } from './bindings/Evidence';
import type { Fingerprint } from './bindings/Fingerprint';
import type { NewCertificate } from './bindings/NewCertificate';
import type { NewEvidence } from './bindings/NewEvidence';
import type { Recheck } from './bindings/Recheck';
import { call } from './call';

/** The evidence attached to a criterion's answer in the latest round. */
export function answerEvidence(enterpriseId: string, criterionId: string): Promise<Evidence[]> {
  return call('answer_evidence', { enterpriseId, criterionId });
}

/**
 * Pick a file and attach it to a criterion's answer: `stored` keeps a copy in the database (up to
 * 50 MiB), otherwise only its path, size and hash are registered. The criterion must be answered.
 */
export function addAnswerEvidence(enterpriseId: string, criterionId: string, input: NewEvidence, stored: boolean): Promise<Evidence | null> {
  return call('add_answer_evidence', { enterpriseId, criterionId, input, stored });
}

export function unlinkAnswerEvidence(enterpriseId: string, criterionId: string, evidenceId: number): Promise<void> {
  return call('unlink_answer_evidence', { enterpriseId, criterionId, evidenceId });
}

/** Hash a piece of evidence again (its stored copy or its registered path) and compare. */
export function recheckEvidence(id: number): Promise<Recheck> {
  return call('recheck_evidence', { id });
}

export function listFingerprints(pointId: number): Promise<Fingerprint[]> {
  return call('list_fingerprints', { pointId });
}

/** Pick carrier files of a secret point and record their SHA-256 (files are read, never stored). */
export function addFingerprints(pointId: number): Promise<Fingerprint[] | null> {
  return call('add_fingerprints', { pointId });
}

export function deleteFingerprint(id: number): Promise<void> {
  return call('delete_fingerprint', { id });
}

/** Save the hash manifest (codes and SHA-256; file names only when asked); resolves to the path. */
export function saveHashManifest(enterpriseId: string, fileNames: boolean): Promise<string | null> {
  return call('save_hash_manifest', { enterpriseId, fileNames });
}

export function listCertificates(pointId: number): Promise<Certificate[]> {
  return call('list_certificates', { pointId });
}

/** Record a certificate as copied from it; its SHA-256 must be the fingerprint's. */
export function addCertificate(input: NewCertificate): Promise<Certificate> {
  return call('add_certificate', { input });
}

/** Pick the file again and check it against a certificate's hash. */
export function recheckCertificate(certificateId: number): Promise<Recheck | null> {
  return call('recheck_certificate', { certificateId });
}
