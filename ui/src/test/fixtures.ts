// Complete records for tests: the generated types carry every field of the
// Rust structs, and a fixture fills the ones a test does not care about.
import type { Enterprise, SecretPoint } from '../services';

export function secretPoint(fields: Partial<SecretPoint> & Pick<SecretPoint, 'id' | 'code' | 'name'>): SecretPoint {
  return {
    enterpriseId: 'e1',
    category: '技术信息',
    level: '核心商密',
    createdAt: '2026-11-01T08:10:00Z',
    itemId: null,
    subtype: null,
    summary: '',
    detail: null,
    carrierIndex: '',
    secrecyCheckedOn: null,
    secrecyCheckedBy: '',
    secrecyChannels: [],
    combinationSecret: false,
    valueNote: '',
    protectionPath: null,
    reverseEngineerable: null,
    patentFiled: null,
    pathReason: '',
    department: '',
    responsible: '',
    term: null,
    status: '拟定',
    reviewDue: null,
    updatedAt: '2026-11-01T08:10:00Z',
    ...fields,
  };
}

export function enterprise(fields: Partial<Enterprise> & Pick<Enterprise, 'id' | 'name'>): Enterprise {
  return {
    creditCode: null,
    creditCodeNote: null,
    createdAt: '2026-11-01T08:00:00Z',
    shortName: '',
    industry: '',
    township: '',
    address: '',
    legalRepresentative: '',
    contact: '',
    headcount: null,
    keyProducts: '',
    detailOptIn: false,
    ...fields,
  };
}
