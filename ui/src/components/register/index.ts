/**
 * The register toolkit: what the guided flow's register screens (rules, areas and systems,
 * disclosures, incidents, tasks, people, carriers) share. A screen reads its data with useLoad
 * (LoadFailed when that fails), holds each register in useRegisterList and tells its step about
 * changes with useStepChanged; its add forms use useAddForm (a refusal beside the field it names,
 * see fieldOfError) and FormDate; a row's actions are RowActions or DeleteButton; a record is
 * edited in an EditDrawer whose fields save themselves (useFieldSaves, SavedField, DateInput).
 */
export { DateInput, FormDate } from './DateField';
export { DAY, MONTH, isAfterToday, toDay, today } from './dates';
export { default as EditDrawer, SavedField } from './EditDrawer';
export { fieldOfError } from './fieldOfError';
export { default as LoadFailed } from './LoadFailed';
export { DeleteButton, DeleteConfirm, RowActions } from './RowActions';
export { testProps } from './testProps';
export { useAddForm } from './useAddForm';
export { useFieldSaves } from './useFieldSaves';
export { useLoad } from './useLoad';
export { useRegisterList, useStepChanged } from './useRegisterList';
