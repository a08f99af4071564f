// Complete records for tests: the generated types carry every field of the
// Rust structs, and a fixture fills the ones a test does not care about.
import type { CriterionView, Enterprise, Person, SecretPoint } from '../services';

export function secretPoint(fields: Partial<SecretPoint> & Pick<SecretPoint, 'id' | 'code' | 'name'>): SecretPoint {
  return {
    enterpriseId: 'e1',
    category: 'technical',
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
    status: 'proposed',
    reviewDue: null,
    updatedAt: '2026-11-01T08:10:00Z',
    origin: '',
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
    reportRecipient: '',
    contactPhone: '',
    workLead: '',
    workOffice: '',
    leadingGroup: '',
    coverLetter: true,
    ...fields,
  };
}

/** A 涉密人员: an employee of the enterprise, in post, with nothing signed. */
export function person(fields: Partial<Person> & Pick<Person, 'id' | 'name'>): Person {
  return {
    enterpriseId: 'e1',
    department: '',
    post: '',
    personLevel: '',
    entryDate: '2024-03-01',
    exitDate: null,
    entryPledgeOn: null,
    noncompeteEligibility: 'not_eligible',
    agreedDeconfidentialMonths: null,
    note: '',
    relationship: 'employee',
    hasLeft: false,
    ...fields,
  };
}

/** A criterion as a step shows it: scored, applying, answered by hand, not answered yet, with nothing against it. */
export function criterionView(fields: Partial<CriterionView> & Pick<CriterionView, 'id' | 'title'>): CriterionView {
  return {
    points: 2,
    requirement: '',
    guidance: '',
    basis: [],
    basic: false,
    evidenceKinds: [],
    derived: false,
    derivedStatus: null,
    answer: null,
    gate: false,
    applies: true,
    contradictions: [],
    notApplicableRefused: [],
    ...fields,
  };
}
