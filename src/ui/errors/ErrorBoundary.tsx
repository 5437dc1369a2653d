import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What to show instead of the children once they have thrown; `retry` renders them again. */
  fallback: (error: unknown, retry: () => void) => ReactNode;
  onError?: (error: unknown, info: ErrorInfo) => void;
  /** When this changes while the fallback shows, the children get another chance (a new selection). */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  /** Boxed, because anything can be thrown, `undefined` included. */
  failure: { error: unknown } | null;
  resetKey: string | undefined;
  /** Counts retries, so a crash after a retry gets a fresh fallback, not the previous one's state. */
  attempt: number;
}

/** React's error boundary (still a class: there is no hook for it), with the fallback as a prop. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failure: null, resetKey: this.props.resetKey, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failure: { error } };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey === state.resetKey) return null;
    return { resetKey: props.resetKey, failure: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  private readonly retry = () => this.setState((s) => ({ failure: null, attempt: s.attempt + 1 }));

  override render(): ReactNode {
    const { failure, attempt } = this.state;
    if (!failure) return this.props.children;
    return <Fragment key={attempt}>{this.props.fallback(failure.error, this.retry)}</Fragment>;
  }
}
