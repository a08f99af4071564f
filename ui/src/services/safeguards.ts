// The typed layer over the commands of the flow's second half (src-tauri/src/safeguards.rs):
// secret areas, information systems, the disclosure log, incidents, remediation tasks and the
// whole-process control checklist. One function per command, camelCase arguments.
import type { AnswerStatus } from './bindings/AnswerStatus';
import type { AreaOrSystem } from './bindings/AreaOrSystem';
import type { AreaOrSystemField } from './bindings/AreaOrSystemField';
import type { Carrier } from './bindings/Carrier';
import type { ControlAnswer } from './bindings/ControlAnswer';
import type { ControlsView } from './bindings/ControlsView';
import type { Disclosure } from './bindings/Disclosure';
import type { DisclosureField } from './bindings/DisclosureField';
import type { Incident } from './bindings/Incident';
import type { IncidentField } from './bindings/IncidentField';
import type { NewAreaOrSystem } from './bindings/NewAreaOrSystem';
import type { NewCarrier } from './bindings/NewCarrier';
import type { NewDisclosure } from './bindings/NewDisclosure';
import type { NewIncident } from './bindings/NewIncident';
import type { NewRemediationTask } from './bindings/NewRemediationTask';
import type { RemediationField } from './bindings/RemediationField';
import type { RemediationStatus } from './bindings/RemediationStatus';
import type { RemediationTask } from './bindings/RemediationTask';
import { call } from './call';

/** Secret areas and information systems share one shape; `kind` picks the register. */
export type AreaKind = 'area' | 'system';

export function listAreasOrSystems(kind: AreaKind, enterpriseId: string): Promise<AreaOrSystem[]> {
  return call(kind === 'area' ? 'list_areas' : 'list_systems', { enterpriseId });
}

export function addAreaOrSystem(kind: AreaKind, input: NewAreaOrSystem): Promise<AreaOrSystem> {
  return call(kind === 'area' ? 'add_area' : 'add_system', { input });
}

/** Autosave one field; resolves to the record as stored. */
export function updateAreaOrSystem(kind: AreaKind, id: number, field: AreaOrSystemField, value: string): Promise<AreaOrSystem> {
  return call(kind === 'area' ? 'update_area' : 'update_system', { id, field, value });
}

export function deleteAreaOrSystem(kind: AreaKind, id: number): Promise<void> {
  return call(kind === 'area' ? 'delete_area' : 'delete_system', { id });
}

export function listDisclosures(enterpriseId: string): Promise<Disclosure[]> {
  return call('list_disclosures', { enterpriseId });
}

export function addDisclosure(input: NewDisclosure): Promise<Disclosure> {
  return call('add_disclosure', { input });
}

export function updateDisclosure(id: number, field: DisclosureField, value: string): Promise<Disclosure> {
  return call('update_disclosure', { id, field, value });
}

export function deleteDisclosure(id: number): Promise<void> {
  return call('delete_disclosure', { id });
}

export function listIncidents(enterpriseId: string): Promise<Incident[]> {
  return call('list_incidents', { enterpriseId });
}

export function addIncident(input: NewIncident): Promise<Incident> {
  return call('add_incident', { input });
}

export function updateIncident(id: number, field: IncidentField, value: string): Promise<Incident> {
  return call('update_incident', { id, field, value });
}

/** Replace the secret points an incident concerns. */
export function setIncidentPoints(id: number, pointIds: number[]): Promise<Incident> {
  return call('set_incident_points', { id, pointIds });
}

export function deleteIncident(id: number): Promise<void> {
  return call('delete_incident', { id });
}

/** The enterprise's remediation tasks, or only those of one round. */
export function listTasks(enterpriseId: string, assessmentId: number | null): Promise<RemediationTask[]> {
  return call('list_tasks', { enterpriseId, assessmentId });
}

export function addTask(input: NewRemediationTask): Promise<RemediationTask> {
  return call('add_task', { input });
}

export function updateTask(id: number, field: RemediationField, value: string): Promise<RemediationTask> {
  return call('update_task', { id, field, value });
}

/** Move a task to a status; done takes the day it closed (today when null). */
export function setTaskStatus(id: number, status: RemediationStatus, closedOn: string | null): Promise<RemediationTask> {
  return call('set_task_status', { id, status, closedOn });
}

export function deleteTask(id: number): Promise<void> {
  return call('delete_task', { id });
}

export function listCarriers(enterpriseId: string): Promise<Carrier[]> {
  return call('list_carriers', { enterpriseId });
}

/** Register a carrier (its kind decides which controls apply) and the secret points it carries. */
export function addCarrier(input: NewCarrier): Promise<Carrier> {
  return call('add_carrier', { input });
}

export function deleteCarrier(id: number): Promise<void> {
  return call('delete_carrier', { id });
}

/** The checklist for the carrier kinds in use, with answers, exceptions and per-point coverage. */
export function controlsView(enterpriseId: string): Promise<ControlsView> {
  return call('controls_view', { enterpriseId });
}

/** Answer a control for every level (`levelRank` null) or for the level of that rank (1 = top). */
export function setControlAnswer(
  enterpriseId: string,
  controlId: string,
  levelRank: number | null,
  status: AnswerStatus,
  note: string,
): Promise<ControlAnswer> {
  return call('set_control_answer', { enterpriseId, controlId, levelRank, status, note });
}

/** Since when an answered control has been in place (YYYY-MM-DD); an empty string clears it. */
export function setControlStarted(
  enterpriseId: string,
  controlId: string,
  levelRank: number | null,
  startedOn: string,
): Promise<ControlAnswer> {
  return call('set_control_started', { enterpriseId, controlId, levelRank, startedOn });
}

/** A control does not apply to one secret point, for a written reason. */
export function setControlException(pointId: number, controlId: string, reason: string): Promise<void> {
  return call('set_control_exception', { pointId, controlId, reason });
}
