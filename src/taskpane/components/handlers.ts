import type { ProblemCell } from "../state/checkView";
import type { ScheduleDraft } from "../state/scheduleView";
import type { ConflictChoice } from "../../app/port";

/** Callback types of the components (declared in a .ts file: parameter names in types are not variables). */
export type SelectCell = (cell: ProblemCell) => void;
export type ChoosePlan = (choice: "embedded" | "file") => void;
export type PickFile = (file: File) => void;
export type ScheduleEdit = Partial<Omit<ScheduleDraft, "ref" | "title">>;
export type EditSchedule = (ref: string, change: ScheduleEdit) => void;
export type ChooseConflict = (id: string, choice: ConflictChoice) => void;
export type ChooseForAll = (choice: ConflictChoice) => void;
export type SelectSection<S extends string> = (section: S) => void;
