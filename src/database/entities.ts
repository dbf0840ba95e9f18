import { ActionItem } from '../action-items/action-item.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { AuthFailure } from '../auth/auth-failure.entity.js';
import { Session } from '../auth/session.entity.js';
import { ImportIssue } from '../imports/import-issue.entity.js';
import { ImportRun } from '../imports/import-run.entity.js';
import { IncidentKeyCounter } from '../incidents/incident-key-counter.entity.js';
import { IncidentService } from '../incidents/incident-service.entity.js';
import { Incident } from '../incidents/incident.entity.js';
import { SeverityChange } from '../incidents/severity-change.entity.js';
import { ReportDelivery } from '../reports/report-delivery.entity.js';
import { Report } from '../reports/report.entity.js';
import { RetroAnswer } from '../retros/retro-answer.entity.js';
import { RetroTemplate } from '../retros/retro-template.entity.js';
import { Retrospective } from '../retros/retrospective.entity.js';
import { Service } from '../services/service.entity.js';
import { SeverityLevel } from '../severities/severity-level.entity.js';
import { Team } from '../teams/team.entity.js';
import { TimelineEntry } from '../incidents/timeline/timeline-entry.entity.js';
import { User } from '../auth/users/user.entity.js';

export const ENTITIES = [
  SeverityLevel, Team, Service, Incident, IncidentService, IncidentKeyCounter, SeverityChange, TimelineEntry,
  ActionItem, RetroTemplate, Retrospective, RetroAnswer, User, ApiToken, Session, AuditEvent,
  ImportRun, ImportIssue, AuthFailure, Report, ReportDelivery,
];
