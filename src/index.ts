/**
 * kickoff as a library: what the commands do, as typed functions a CSU's own Node scripts can call
 * instead of shelling out. Importing this has no side effects (no listeners, no clock, no I/O).
 *
 *   import { planPractice, replanPractice } from 'kickoff';
 */
export { planExists, planPractice } from './app/plan-practice.js';
export type { PlanPracticeOptions, PlannedPractice } from './app/plan-practice.js';
export { replanPractice } from './app/replan-practice.js';
export type { PlanChange, ReplanOptions, ReplannedPractice } from './app/replan-practice.js';
export { publishCalendars } from './app/publish-calendars.js';
export type { PublishOptions, PublishedCalendars } from './app/publish-calendars.js';
export { sendInvitations } from './app/send-invitations.js';
export type {
  Delivery,
  InviteOptions,
  InviteResult,
  SentInvitation,
  SentLine,
} from './app/send-invitations.js';
export { publishFeeds } from './app/publish-feeds.js';
export type { PublishFeedsOptions, PublishedFeeds } from './app/publish-feeds.js';
export { serveFeeds } from './app/serve-feeds.js';
export { parseBaseUrl, parseRefreshInterval } from './domain/calendar-events/feed.js';
export { readProgramme } from './app/portfolio/programme.js';
export type { BrokenPlan, Programme, ProgrammeOptions } from './app/portfolio/programme.js';
export { readPracticePlan } from './app/read-plan.js';
export { planBatch, readBatch } from './app/batch/run.js';
export type { BatchEntry, BatchInput, BatchOptions, BatchPractice, BatchSummary } from './app/batch/run.js';
export type { ReadPlan } from './app/read-plan.js';
export { diskFiles, loadWorkspace, PLAN_FILE } from './app/workspace.js';
export type { FileStore, UseCaseOptions, Workspace } from './app/workspace.js';
export { ExitCode, KickoffError, UsageError, InputError, IoError, CancelledError } from './errors.js';
export type {
  Answers,
  CalendarDate,
  Diagnostic,
  Nation,
  Person,
  Plan,
  PlanItem,
  Practice,
  ThirdPartyChoice,
} from './domain/types.js';
