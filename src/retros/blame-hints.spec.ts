import { blameHintFinder, findBlameHints } from './blame-hints.js';

const phrases = (text: string, people: string[] = []) => findBlameHints(text, people).map((h) => h.phrase);

describe('findBlameHints flags blame-shaped language', () => {
  it.each([
    ['Root cause: human error during the deploy.', 'human error'],
    ['It was HUMAN ERROR, plain and simple', 'HUMAN ERROR'],
    ['Classic operator error.', 'operator error'],
    ['The on-call should have checked the dashboard.', 'should have checked'],
    ['Someone should have known better', 'should have known'],
    ['This should have been caught in review.', 'should have been'],
    ['We should have immediately escalated to the DBA team.', 'should have immediately escalated'],
    ["We shouldn't have deployed on a Friday.", "shouldn't have deployed"],
    ['We shouldn’t have deployed on a Friday.', 'shouldn’t have deployed'],
    ['They should not have run the migration.', 'should not have run'],
    ["We should've rolled back sooner.", "should've rolled"],
    ['We waited longer than we should have.', 'should have'],
    ['A careless change to the config.', 'careless'],
    ['That was carelessness.', 'carelessness'],
    ['Negligent handling of the keys.', 'Negligent'],
    ['Pure negligence.', 'negligence'],
    ['An incompetent rollout.', 'incompetent'],
    ['It was his fault.', 'his fault'],
    ['Whose fault was it?', 'Whose fault'],
    ['The vendor was at fault.', 'at fault'],
    ['The fault lies with the release manager.', 'The fault lies'],
    ['We should not blame the tooling.', 'blame'],
    ['Ops blamed the network.', 'blamed'],
    ['He failed to escalate.', 'He failed to'],
    ['The on-call engineer failed to page the DBA.', 'The on-call engineer failed to'],
    ['Someone simply failed to read the runbook.', 'Someone simply failed to'],
    ['We forgot to renew the certificate.', 'forgot to'],
    ['Nobody remembered; they had forgotten about the cron job.', 'forgotten about'],
    ["They didn't bother to test it.", "didn't bother"],
    ['They did not bother with a canary.', 'did not bother'],
    ['A mistake by the release engineer.', 'mistake by'],
    ['Mistakes made by the night shift.', 'Mistakes made by'],
  ])('%s → %s', (text, phrase) => {
    expect(phrases(text)).toEqual([phrase]);
  });
});

describe('findBlameHints flags a named person used as a cause', () => {
  const people = ['Dana Smith', 'José', 'Lee'];
  it.each([
    ['Dana Smith caused the outage.', 'Dana Smith caused'],
    ['Dana caused the outage.', 'Dana caused'],
    ['dana broke production.', 'dana broke'],
    ['Dana accidentally broke production.', 'Dana accidentally broke'],
    ['It happened because of Lee.', 'because of Lee'],
    ['Due to José the queue filled up.', 'Due to José'],
    ["It was Lee's mistake.", "Lee's mistake"],
    ['It was Lee’s fault.', 'Lee’s fault'],
    ['Dana forgot to rotate the key.', 'Dana forgot'],
    ['José failed to page anyone.', 'José failed to'],
  ])('%s → %s', (text, phrase) => {
    expect(phrases(text, people)).toEqual([phrase]);
  });

  it('names the person and suggests systems language', () => {
    const [hint] = findBlameHints('Dana caused it', ['Dana Smith']);
    expect(hint.message).toContain('Dana Smith');
    expect(hint.message).toMatch(/describe the action and the conditions/);
  });

  it('treats names with regex characters as plain text', () => {
    expect(phrases('c.j. broke it; cxj broke it too', ['c.j.'])).toEqual(['c.j. broke']);
  });
});

describe('findBlameHints leaves systems-focused and technical language alone', () => {
  const people = ['Dana Smith', 'Lee'];
  it.each([
    // A question about a possible safeguard is not hindsight; the words are not even adjacent.
    ['Should we have alerting on queue depth?'],
    // "should have" + a noun is a recommendation for the system, not a judgement of a past choice.
    ['We should have alerting on queue depth.'],
    ['We should have a runbook for this.'],
    ['Every service should have speed limits on retries.'],
    // Engineering "fault": a finding about hardware and software, nobody is blamed.
    ['No fault found in the disk.'],
    ['Fault tolerance worked as designed; a page fault storm followed.'],
    ['It was nobody’s fault, and not anyone\'s fault either.'],
    // Systems fail; describing that is what we want.
    ['The health check failed to detect the stuck worker.'],
    ['We failed to notice the alert for 20 minutes because it went to an unmonitored channel.'],
    // Blameless vocabulary itself.
    ['This is a blameless, blame-free retrospective.'],
    // Names used for insight, not as causes.
    ['Dana noticed the spike and Lee rolled back. Thanks to Dana the impact was short.'],
    ["Because of Dana's quick rollback we recovered in minutes."],
    ['What could have prevented this, or made it less severe?'],
    [''],
  ])('%s', (text) => {
    expect(findBlameHints(text, people)).toEqual([]);
  });
});

describe('findBlameHints positions', () => {
  it('gives each phrase with its index into the text, in order', () => {
    const text = 'Lee forgot to renew it; human error. Lee should have known.';
    const hints = findBlameHints(text, ['Lee']);
    expect(hints.map((h) => h.phrase)).toEqual(['Lee forgot', 'human error', 'should have known']);
    for (const hint of hints) expect(text.slice(hint.index, hint.index + hint.phrase.length)).toBe(hint.phrase);
  });

  it('keeps one hint where two rules overlap', () => {
    expect(phrases('Dana forgot to page.', ['Dana'])).toEqual(['Dana forgot']);
  });

  it('every hint carries a rephrasing suggestion', () => {
    const hints = findBlameHints('human error; careless; should have checked; his fault; forgot to', []);
    expect(hints).toHaveLength(5);
    for (const hint of hints) expect(hint.message).toMatch(/\(e\.g\. "/);
  });
});

describe('blameHintFinder', () => {
  it('finds in each of many texts what findBlameHints finds in it, with the same people', () => {
    const people = ['Dana Smith', 'Lee'];
    const texts = [
      'Dana caused the outage; Dana caused it again.',
      'Because of Lee the page was missed, and someone should have checked.',
      'The health check failed to fire.',
      "It was Dana Smith's mistake, human error.",
      'Lee forgot to renew the certificate.',
    ];
    const find = blameHintFinder(people);
    // Twice over: a rule's matches in one text never carry into the next.
    for (const text of [...texts, ...texts]) expect(find(text)).toEqual(findBlameHints(text, people));
    expect(texts.map((text) => find(text).map((hint) => hint.phrase))).toEqual([
      ['Dana caused', 'Dana caused'],
      ['Because of Lee', 'should have checked'],
      [],
      ["Dana Smith's mistake", 'human error'],
      ['Lee forgot'],
    ]);
  });
});
