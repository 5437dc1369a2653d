import type { PropValue, PropertyDeclaration } from '../../core';
import { CheckboxField, SelectField, TextField, optionsOf } from './fields';

/** One declared catalogue property as the control its kind calls for. */
export function PropertyControl({
  declaration,
  value,
  onChange,
}: {
  declaration: PropertyDeclaration;
  value: PropValue | undefined;
  onChange: (value: PropValue) => void;
}) {
  const help = declaration.help;
  switch (declaration.kind) {
    case 'boolean':
      return (
        <CheckboxField
          label={declaration.label}
          value={typeof value === 'boolean' ? value : declaration.default}
          onChange={onChange}
          help={help}
        />
      );
    case 'enum':
      return (
        <SelectField
          label={declaration.label}
          value={typeof value === 'string' ? value : declaration.default}
          onChange={onChange}
          options={optionsOf(declaration.values)}
          help={help}
        />
      );
    case 'string':
      return (
        <TextField
          label={declaration.label}
          value={typeof value === 'string' ? value : declaration.default}
          onChange={onChange}
          help={help}
        />
      );
  }
}
