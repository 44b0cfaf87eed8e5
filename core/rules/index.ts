// The rules module's public face: run the checks, and the finding types with their sections.
export { runChecks, COMPLEMENT_SETS, RULES, type CheckOptions } from './checks';
export { sectionOf, countBySection, NAV_SECTIONS, type Finding, type Location, type Severity, type NavSection } from './findings';
