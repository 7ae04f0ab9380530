import { validatePattern } from './pattern';
import { eventBusNameOf } from './put-events';
import type { EventBridgeRule } from './types';

/**
 * Checks `rules` as PutRule/PutTargets would (valid pattern, a name, targets) and returns them with
 * their bus names normalised (an ARN becomes its name). Throws one Error listing every problem.
 */
export function normalizeRules(rules: readonly EventBridgeRule[]): EventBridgeRule[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const normalized = rules.map((rule, index) => {
    const label = `rule ${typeof rule.name === 'string' && rule.name !== '' ? `"${rule.name}"` : `#${index}`}`;
    const eventBusName = eventBusNameOf(rule.eventBusName);
    if (typeof rule.name !== 'string' || rule.name === '') problems.push(`${label}: a name is required`);
    const key = `${eventBusName}/${rule.name}`;
    if (seen.has(key)) problems.push(`${label}: duplicate rule name on bus "${eventBusName}"`);
    seen.add(key);
    if (
      !Array.isArray(rule.targets) ||
      !rule.targets.every((target) => typeof target === 'string' && target !== '')
    ) {
      problems.push(`${label}: targets must be a list of qualified function names`);
    }
    for (const problem of validatePattern(rule.pattern)) problems.push(`${label}: ${problem}`);
    return { ...rule, eventBusName, targets: [...(rule.targets ?? [])] };
  });
  if (problems.length > 0) throw new Error(`Invalid EventBridge rules:\n  ${problems.join('\n  ')}`);
  return normalized;
}

export function eventBusArn(region: string, accountId: string, name: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
}

/** Rules on the default bus have `rule/<name>`, rules on other buses `rule/<bus>/<name>`. */
export function ruleArn(region: string, accountId: string, rule: EventBridgeRule): string {
  const path = rule.eventBusName === 'default' ? rule.name : `${rule.eventBusName}/${rule.name}`;
  return `arn:aws:events:${region}:${accountId}:rule/${path}`;
}
