import Markdown, { type Components } from 'react-markdown';

/**
 * Session-log Markdown, rendered safely: headings, emphasis, lists, quotes, code. Raw HTML
 * in the text never becomes markup — it is shown as the text it is (a `<script>` stays
 * visible characters, not an element, not even hidden). Links and images do not load or
 * navigate on a shared screen: a link shows its text, an image its description.
 */

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/**
 * remark plugin: every raw-HTML node becomes a text node with the same characters.
 * react-markdown 10 escapes raw HTML by default as well; this makes the rule ours, so no
 * option or plugin added later (rehype-raw…) can turn log text into elements.
 */
function htmlAsText() {
  return (tree: MdNode) => {
    const walk = (node: MdNode) => {
      if (node.type === 'html') node.type = 'text';
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

const components: Components = {
  a: ({ children }) => <span className="log-link">{children}</span>,
  img: ({ alt }) => <span className="log-image">[IMAGE{alt ? `: ${alt}` : ''}]</span>,
};

export default function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="log-markdown" data-testid="log-markdown">
      <Markdown remarkPlugins={[htmlAsText]} components={components} skipHtml={false}>
        {text}
      </Markdown>
    </div>
  );
}
