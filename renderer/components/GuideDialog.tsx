// The short guide inside the app (F1): the month's workflow, import, checks, export, backup, where data lives; and "Giới thiệu".
import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../core/api/contract';
import { api } from '../api';
import { ABOUT, GUIDE, GUIDE_TITLE } from '../strings/guide';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

export function GuideDialog(props: { part: 'guide' | 'about'; onClose(): void }): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const aboutRef = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    api()
      ['app.info']({})
      .then((i) => live && setInfo(i))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (props.part === 'about') aboutRef.current?.scrollIntoView({ block: 'start' });
  }, [props.part]);
  return (
    <Modal title={GUIDE_TITLE} onClose={props.onClose} wide>
      <div className="guide" tabIndex={0}>
        <nav className="guide-toc" aria-label={GUIDE_TITLE}>
          {GUIDE.map((g) => (
            <a key={g.id} href={`#guide-${g.id}`} onClick={(e) => {
              e.preventDefault();
              document.getElementById(`guide-${g.id}`)?.scrollIntoView({ block: 'start' });
            }}>
              {g.title}
            </a>
          ))}
        </nav>
        {GUIDE.map((g) => (
          <section key={g.id} id={`guide-${g.id}`}>
            <h3>{g.title}</h3>
            {g.paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
            {g.id === 'data' && info && (
              <p className="guide-folder">
                {ABOUT.folder} <code>{info.libraryFolder}</code>
              </p>
            )}
          </section>
        ))}
        <section ref={aboutRef} id="guide-about" className="guide-about">
          <h3>{ABOUT.title}</h3>
          <p>{ABOUT.text}</p>
          {info && <p className="muted">{ABOUT.version(info.version)}</p>}
        </section>
      </div>
      <div className="modal-actions">
        <button onClick={props.onClose} data-autofocus>
          {vi.words.close}
        </button>
      </div>
    </Modal>
  );
}
