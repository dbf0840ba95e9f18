/**
 * The invented organisation the demo data describes: its teams and people, the seed's ownership
 * table (functionality, service, owning team, paging link; vendors with support and status links),
 * and the words incidents, retrospectives and action items are made of. Every name is made up;
 * every link is under example.com. Pure data.
 */

export interface CatalogTeam {
  name: string;
  slug: string;
  description: string;
  /** People who respond for this team (triage engineers, SMEs, its engineering manager first). */
  people: string[];
}

export const TEAMS: CatalogTeam[] = [
  { name: 'Payments', slug: 'payments', description: 'Card payments, checkout and invoicing.', people: ['Amara Okafor', 'Lukas Brandt', 'Priya Raman', 'Diego Salazar', 'Hannah Kowalski'] },
  { name: 'Identity', slug: 'identity', description: 'Login, sign-up and single sign-on.', people: ['Mei Tanaka', 'Jonas Lindqvist', 'Fatima Haddad', 'Sam Whitfield'] },
  { name: 'Platform', slug: 'platform', description: 'API gateway, messaging, webhooks and the shared infrastructure.', people: ['Tomás Varga', 'Ingrid Solberg', 'Kwame Mensah', 'Rosa Delgado', 'Ethan Park'] },
  { name: 'Data', slug: 'data', description: 'Search, reporting and exports.', people: ['Chloé Bernard', 'Arjun Mehta', 'Olga Petrova', 'Ben Adeyemi'] },
  { name: 'Mobile', slug: 'mobile', description: 'The iOS and Android apps and their backend.', people: ['Yuki Sato', 'Marco Bellini', 'Zainab Yusuf', 'Noah Fischer'] },
];

/** Customer support and success people who often run incident comms. */
export const COMMS_PEOPLE = ['Grace Liu', 'Oscar Nilsson', 'Leila Farah', 'Maya Goldberg', 'Peter Novak'];

export const pagingScheduleUrl = (slug: string) => `https://oncall.example.com/schedules/${slug}`;

export interface CatalogService {
  name: string;
  functionality: string;
  team: string;
  /** How often it is the first service affected, relative to the others. */
  weight: number;
  /** Services that often suffer with it. */
  related: string[];
  /** The vendor it depends on, if any. */
  vendor?: string;
}

export const SERVICES: CatalogService[] = [
  { name: 'payments-api', functionality: 'Card payment processing', team: 'Payments', weight: 11, related: ['checkout-web', 'billing-service'], vendor: 'Paylane' },
  { name: 'checkout-web', functionality: 'Checkout', team: 'Payments', weight: 9, related: ['payments-api', 'api-gateway'], vendor: 'Paylane' },
  { name: 'billing-service', functionality: 'Invoicing', team: 'Payments', weight: 5, related: ['payments-api', 'notification-service'] },
  { name: 'auth-service', functionality: 'Login', team: 'Identity', weight: 10, related: ['sso-gateway', 'mobile-bff', 'api-gateway'] },
  { name: 'sso-gateway', functionality: 'Single sign-on', team: 'Identity', weight: 5, related: ['auth-service'] },
  { name: 'api-gateway', functionality: 'Public API', team: 'Platform', weight: 10, related: ['auth-service', 'payments-api', 'webhooks-dispatcher', 'mobile-bff'] },
  { name: 'notification-service', functionality: 'Email delivery', team: 'Platform', weight: 7, related: ['billing-service', 'push-service'], vendor: 'SendPost' },
  { name: 'webhooks-dispatcher', functionality: 'Webhook delivery', team: 'Platform', weight: 6, related: ['api-gateway'] },
  { name: 'search-indexer', functionality: 'Search', team: 'Data', weight: 7, related: ['reporting-service'] },
  { name: 'reporting-service', functionality: 'Reporting', team: 'Data', weight: 6, related: ['search-indexer'] },
  { name: 'mobile-bff', functionality: 'The mobile app', team: 'Mobile', weight: 8, related: ['auth-service', 'push-service', 'api-gateway'] },
  { name: 'push-service', functionality: 'Push delivery', team: 'Mobile', weight: 5, related: ['mobile-bff', 'notification-service'] },
];

export interface CatalogVendor {
  name: string;
  product: string;
  /** Owner of the relationship. */
  team: string;
  supportUrl: string;
  statusPageUrl: string;
}

export const VENDORS: CatalogVendor[] = [
  { name: 'Paylane', product: 'Card processing', team: 'Payments', supportUrl: 'https://support.paylane.example.com', statusPageUrl: 'https://status.paylane.example.com' },
  { name: 'SendPost', product: 'Transactional email delivery', team: 'Platform', supportUrl: 'https://help.sendpost.example.com', statusPageUrl: 'https://status.sendpost.example.com' },
];

export type ImpactScope = 'unknown' | 'all' | 'some' | 'few';

export interface CatalogAudience {
  audience: string;
  scope: ImpactScope;
  weight: number;
}

export const AUDIENCES: CatalogAudience[] = [
  { audience: 'all customers', scope: 'all', weight: 6 },
  { audience: 'EU customers', scope: 'some', weight: 5 },
  { audience: 'US customers', scope: 'some', weight: 5 },
  { audience: 'enterprise customers', scope: 'some', weight: 3 },
  { audience: 'some customers', scope: 'some', weight: 5 },
  { audience: 'a few customers', scope: 'few', weight: 4 },
  { audience: 'mobile users', scope: 'some', weight: 3 },
  { audience: 'API clients', scope: 'some', weight: 3 },
  { audience: 'new sign-ups', scope: 'few', weight: 2 },
  { audience: 'internal users', scope: 'few', weight: 2 },
];

/** The {state} of the seed's title, by the severity the incident reached. */
export const STATES: Record<'SEV1' | 'SEV2' | 'SEV3', string[]> = {
  SEV1: ['unavailable', 'failing', 'down', 'losing data'],
  SEV2: ['degraded', 'slow', 'intermittently failing', 'partially unavailable', 'delayed'],
  SEV3: ['slow', 'intermittently failing', 'delayed', 'showing stale data', 'showing errors'],
};

/** How customers experienced a state, completing "{audience} …". */
export const IMPACT_PHRASES: Record<string, string[]> = {
  unavailable: ['could not use {functionality}; every request failed with an error page'],
  failing: ['saw {functionality} fail for about {pct}% of requests'],
  down: ['could not reach {functionality} at all'],
  'losing data': ['saw recent changes in {functionality} disappear; the data was recovered from backups'],
  degraded: ['saw {functionality} respond slowly and time out on about {pct}% of requests'],
  slow: ['waited several seconds for {functionality} (p95 latency above {seconds} s)'],
  'intermittently failing': ['saw {functionality} fail intermittently on about {pct}% of requests'],
  'partially unavailable': ['could not use parts of {functionality}'],
  delayed: ['saw {functionality} delayed by up to {minutes} minutes'],
  'showing stale data': ['saw {functionality} show data that was up to {minutes} minutes old'],
  'showing errors': ['saw error messages in {functionality}, though retrying usually worked'],
};

/** Invented customer names for "known customers impacted". */
export const CUSTOMERS = [
  'Northwind Traders', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail', 'Acme Foods', 'Hooli',
  'Vandelay Industries', 'Soylent Labs', 'Cyberdyne Travel', 'Tyrell Media', 'Wonka Confectionery', 'Massive Dynamic',
];

export interface CatalogCause {
  tag: string;
  weight: number;
  /** States ("{functionality} is {state}") this cause tends to produce. */
  states?: string[];
  /** What responders found ("cause identified"). */
  identified: string;
  /** What ended the impact. */
  mitigation: string;
  /** What the retrospective learned. */
  learned: string;
  wrongAbout: string;
  prevention: string;
  actionItems: string[];
}

/** `{service}`, `{functionality}` and `{vendor}` are filled in per incident. */
export const CAUSES: CatalogCause[] = [
  {
    tag: 'deploy', weight: 24,
    identified: 'A release of {service} introduced a regression in {functionality}.',
    mitigation: 'Rolled {service} back to the previous release.',
    learned: 'Our canary stage only covered one region, so the regression reached every region at once.',
    wrongAbout: 'We first suspected the database because latency rose at the same time; the release was the cause.',
    prevention: 'Canary releases with an automatic rollback when the error rate rises.',
    actionItems: ['Add automatic rollback to the {service} deploy pipeline', 'Extend the {service} canary stage to every region', 'Add a contract test covering the {functionality} regression'],
  },
  {
    tag: 'config-change', weight: 12,
    identified: 'A configuration change lowered the connection pool limit of {service}.',
    mitigation: 'Reverted the configuration change.',
    learned: 'Configuration changes skip the checks our code changes get.',
    wrongAbout: 'We assumed nothing had been deployed; the change went out through the config service, not the deploy pipeline.',
    prevention: 'Validate configuration in CI and roll it out progressively like code.',
    actionItems: ['Validate {service} configuration changes in CI', 'Show configuration changes on the deploy dashboard', 'Roll out configuration changes progressively'],
  },
  {
    tag: 'database', weight: 12, states: ['slow', 'degraded', 'unavailable', 'losing data'],
    identified: 'A long-running migration locked a busy table in the {service} database.',
    mitigation: 'Stopped the blocking query and paused the migration.',
    learned: 'Schema changes on large tables need lock timeouts and an online migration tool.',
    wrongAbout: 'We thought the migration had been tested on production-sized data; the staging table was a hundred times smaller.',
    prevention: 'Run migrations with a lock timeout and test them on production-sized data.',
    actionItems: ['Set a lock timeout on {service} migrations', 'Add a production-sized dataset to staging for {service}', 'Alert on lock waits in the {service} database'],
  },
  {
    tag: 'capacity', weight: 11, states: ['slow', 'degraded', 'unavailable', 'intermittently failing'],
    identified: 'A traffic peak exhausted the {service} worker pool.',
    mitigation: 'Scaled {service} out and raised the autoscaling ceiling.',
    learned: 'Our autoscaling ceiling was set two years ago, for a tenth of today’s traffic.',
    wrongAbout: 'We expected autoscaling to absorb the peak; it had reached its ceiling.',
    prevention: 'Load tests ahead of known peaks and autoscaling on queue depth.',
    actionItems: ['Load test {service} ahead of the seasonal peak', 'Autoscale {service} on queue depth', 'Review autoscaling ceilings every quarter'],
  },
  {
    tag: 'third-party', weight: 8, states: ['failing', 'intermittently failing', 'delayed', 'partially unavailable'],
    identified: 'Our vendor {vendor} had a partial outage.',
    mitigation: 'Queued requests for retry and routed new traffic to the fallback path.',
    learned: 'We had no fallback path tested for {vendor} being unavailable.',
    wrongAbout: 'The vendor status page showed green for the first forty minutes, so we looked at our own code first.',
    prevention: 'A tested fallback for {vendor} and an alert on its error rate from our side.',
    actionItems: ['Alert on {vendor} error rates measured from our side', 'Test the {vendor} fallback path every quarter', 'Agree an escalation contact with {vendor} support'],
  },
  {
    tag: 'certificate', weight: 4, states: ['unavailable', 'down', 'failing', 'showing errors'],
    identified: 'The TLS certificate of {service} expired.',
    mitigation: 'Issued and deployed a new certificate.',
    learned: 'This certificate was issued by hand and missed by the renewal automation.',
    wrongAbout: 'We believed every certificate was renewed automatically.',
    prevention: 'Automated renewal for every certificate and an alert 30 days before expiry.',
    actionItems: ['Move the {service} certificate to automated renewal', 'Alert 30 days before any certificate expires'],
  },
  {
    tag: 'network', weight: 6,
    identified: 'Packet loss between two availability zones slowed calls from {service}.',
    mitigation: 'Drained the affected zone.',
    learned: 'Zone drains work well, but only two people knew the procedure.',
    wrongAbout: 'The first alerts pointed at {service} itself; the network was the cause.',
    prevention: 'Automatic zone evacuation on sustained packet loss.',
    actionItems: ['Document the zone drain procedure in the {service} runbook', 'Alert on packet loss between zones'],
  },
  {
    tag: 'cache', weight: 6, states: ['slow', 'degraded', 'showing stale data'],
    identified: 'A cache cluster restart sent every {service} request to the database at once.',
    mitigation: 'Warmed the cache and rate-limited cache misses.',
    learned: 'Restarting the cache cluster is riskier than the runbook suggests.',
    wrongAbout: 'We treated the cache restart as routine maintenance.',
    prevention: 'Request coalescing on cache misses and staggered cache restarts.',
    actionItems: ['Add request coalescing to {service} cache misses', 'Restart cache nodes one at a time in the maintenance script'],
  },
  {
    tag: 'queue-backlog', weight: 7, states: ['delayed', 'showing stale data'],
    identified: 'A malformed message stalled the {service} consumer and the queue backed up.',
    mitigation: 'Moved the message to the dead-letter queue and drained the backlog.',
    learned: 'A single bad message can stop the whole consumer.',
    wrongAbout: 'We first read the backlog as a traffic spike.',
    prevention: 'Dead-letter handling after a bounded number of retries.',
    actionItems: ['Dead-letter {service} messages after five failed attempts', 'Alert on the age of the oldest message in the {service} queue'],
  },
  {
    tag: 'feature-flag', weight: 6,
    identified: 'A feature flag enabled an unfinished code path in {functionality}.',
    mitigation: 'Turned the feature flag off.',
    learned: 'Flag changes are not visible next to deploys on our dashboards.',
    wrongAbout: 'We assumed the flag only targeted internal users.',
    prevention: 'Flag changes announced in the deploy channel and shown on dashboards.',
    actionItems: ['Show feature flag changes on the {service} dashboard', 'Require a second reviewer for flags targeting all customers'],
  },
  {
    tag: 'data-migration', weight: 4, states: ['losing data', 'showing errors', 'showing stale data'],
    identified: 'A backfill job overwrote recent records in {functionality}.',
    mitigation: 'Stopped the backfill and restored the affected records from backups.',
    learned: 'Backfills ran without a dry run or a limit on the rows they touch.',
    wrongAbout: 'We believed the backfill only touched records older than a year.',
    prevention: 'Dry runs and row limits for backfills, and point-in-time restore drills.',
    actionItems: ['Add a dry-run mode to {service} backfill jobs', 'Run a point-in-time restore drill for {service}'],
  },
];

export const GENERIC_ACTION_ITEMS = [
  'Add an alert on the {functionality} error rate per region',
  'Update the {service} runbook with the mitigation steps',
  'Add {service} to the service ownership table with its paging link',
  'Add a dashboard panel for {functionality} latency by customer tier',
  'Write a status page template for {functionality} incidents',
];

export const WENT_WELL = [
  'Alerting fired within minutes and paged the right team.',
  'The {service} runbook was up to date; the mitigation took minutes once we knew what to do.',
  'Support flagged the first customer reports in #incidents quickly and kept customers informed.',
  'Status updates went out on the agreed cadence; stakeholders did not have to ask for news.',
  'The incident commander kept the bridge focused on mitigation rather than root cause.',
  'Responders from three teams joined within fifteen minutes of the page.',
];

export const COULD_BE_IMPROVED = [
  'It took a while to find who owns {service}; the ownership table was out of date.',
  'Our dashboards did not show error rates per region, so the scope was unclear for a while.',
  'Status updates slipped while everyone was debugging; naming a comms lead earlier would have helped.',
  'The mitigation needed manual steps that are not in the runbook.',
  'We paged several teams before the owning team, which cost time.',
];

export const GOT_LUCKY = [
  'It happened during business hours, when most of the owning team was online.',
  'Traffic was low because of a public holiday in the affected region.',
  'Someone who had worked on this code path recently was on call.',
  'The backups from that morning had completed a few minutes before the incident.',
  'A customer with a large launch that day had postponed it.',
];

export const NOTES = [
  'Opened the incident channel and the video bridge.',
  'Paged the {team} on-call engineer.',
  'Error rate on {service} at {pct}% and rising.',
  'Asked support to hold off on individual replies and point customers at the status page.',
  'Checked recent deploys and configuration changes for {service}.',
  'Pulled in a database SME to look at slow queries.',
  'Latency back to normal levels; watching for another 30 minutes before calling it mitigated.',
];

/** Who else joins retrospectives besides the responders. */
export const RETRO_FACILITATORS = ['Helena Vogt', 'Ravi Krishnan', 'Ama Boateng', 'Lucas Moreau'];
