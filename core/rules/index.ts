// The rules module's public face: run the checks, the final-export gate, and the finding types with their sections.
export { runChecks, groupName, COMPLEMENT_SETS, LINE_NESTS, RULES, UNIT_COUNT_COLUMNS, type CheckOptions } from './checks';
export { sectionOf, countBySection, NAV_SECTIONS, type Finding, type Fix, type Location, type Severity, type NavSection } from './findings';
export { exportGate, gateIsClear, gateLines, gateSummary, missingFigures, type ExportGate, type ExportMode, type GateFormat, type GateItem, type GateOptions } from './gate';
