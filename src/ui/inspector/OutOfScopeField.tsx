import type { OutOfScope } from '../../core';
import { CheckboxField, TextField } from './fields';

/**
 * "Out of scope" with its reason, for a component or a data flow. Findings of an out-of-scope
 * element are still computed, but counted nowhere (badges, dashboard, reports' totals, --fail-on)
 * and listed apart; the reason is what a reviewer reads when asking why.
 */
export function OutOfScopeField({
  value,
  onChange,
}: {
  value: OutOfScope | undefined;
  onChange: (next: OutOfScope | null, field: string) => void;
}) {
  return (
    <>
      <CheckboxField
        label="Out of scope"
        value={value !== undefined}
        onChange={(checked) => onChange(checked ? {} : null, 'outOfScope')}
        help="Its findings are listed apart and not counted."
      />
      {value !== undefined && (
        <TextField
          label="Reason out of scope"
          value={value.reason ?? ''}
          placeholder="e.g. operated and assessed by the vendor"
          onChange={(reason) => onChange(reason === '' ? {} : { reason }, 'outOfScopeReason')}
        />
      )}
    </>
  );
}
