import type { References } from '../../core';
import { useAppStore } from '../store/StoreContext';
import { referenceLinks } from './referenceUrls';

/** A finding's framework references, each linking to its public page. */
export function ReferenceList({ references }: { references: References }) {
  const guidelines = useAppStore((s) => s.library.guidelinesById);
  const links = referenceLinks(references, (id) => guidelines.get(id)?.title);
  if (links.length === 0) return null;
  return (
    <ul className="reference-list" aria-label="References">
      {links.map((link) => (
        <li key={`${link.framework}:${link.id}`}>
          <a
            href={link.href}
            target="_blank"
            rel="noopener noreferrer"
            title={`${link.framework}: ${link.title}`}
          >
            {link.id}
          </a>{' '}
          <span className="muted small">{link.title}</span>
        </li>
      ))}
    </ul>
  );
}
